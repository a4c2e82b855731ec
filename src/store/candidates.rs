//! Queries on candidates. Every read of candidates starts from `visible_candidates`,
//! the one place that decides which candidates a caller may see.

use super::applications;
use super::entities::{candidate, candidate_contact, candidate_project, project};
use crate::auth::Caller;
use sea_orm::sea_query::{Condition, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Select, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

pub const EMAIL: &str = "email";
pub const PHONE: &str = "phone";

/// The candidates `caller` may see.
///
/// Candidates reachable only through confidential jobs or projects are hidden from
/// keys without the confidential flag: a candidate with an application on a
/// confidential job, or in a confidential project, stays visible only when it also
/// has an application on an open-to-all job or sits in an open-to-all project.
pub fn visible_candidates(caller: &Caller) -> Select<candidate::Entity> {
    let select = candidate::Entity::find();
    if caller.sees_confidential() {
        return select;
    }
    let id = candidate::Column::Id;
    select.filter(
        Condition::any()
            .add(
                Condition::all()
                    .add(id.not_in_subquery(applications::candidates_applying_where(true)))
                    .add(id.not_in_subquery(project_members_where(true))),
            )
            .add(id.in_subquery(applications::candidates_applying_where(false)))
            .add(id.in_subquery(project_members_where(false))),
    )
}

/// Candidate ids in a project whose confidential flag is `confidential`.
fn project_members_where(confidential: bool) -> SelectStatement {
    Query::select()
        .column(candidate_project::Column::CandidateId)
        .from(candidate_project::Entity)
        .and_where(
            candidate_project::Column::ProjectId.in_subquery(
                Query::select()
                    .column(project::Column::Id)
                    .from(project::Entity)
                    .and_where(project::Column::Confidential.eq(confidential))
                    .to_owned(),
            ),
        )
        .to_owned()
}

/// One visible candidate, or `None` when it does not exist or is hidden.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> Result<Option<candidate::Model>, DbErr> {
    visible_candidates(caller)
        .filter(candidate::Column::Id.eq(id))
        .one(db)
        .await
}

pub async fn find_visible_by_external_id<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    external_id: &str,
) -> Result<Option<candidate::Model>, DbErr> {
    visible_candidates(caller)
        .filter(candidate::Column::ExternalMappingId.eq(external_id))
        .order_by_asc(candidate::Column::CreatedAt)
        .one(db)
        .await
}

/// Visible candidates having this email address (any case), oldest first: the lookup
/// behind `candidate.search` and the find-or-create of application forms.
pub fn with_email(caller: &Caller, email: &str) -> Select<candidate::Entity> {
    let owners = Query::select()
        .column(candidate_contact::Column::CandidateId)
        .from(candidate_contact::Entity)
        .and_where(candidate_contact::Column::Kind.eq(EMAIL))
        .and_where(candidate_contact::Column::ValueLower.eq(email.trim().to_lowercase()))
        .to_owned();
    visible_candidates(caller).filter(candidate::Column::Id.in_subquery(owners))
}

/// The contacts of these candidates, in display order, by candidate.
pub async fn contacts_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<candidate_contact::Model>>, DbErr> {
    let mut by_candidate: HashMap<Uuid, Vec<candidate_contact::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_candidate);
    }
    let rows = candidate_contact::Entity::find()
        .filter(candidate_contact::Column::CandidateId.is_in(ids.iter().copied()))
        .order_by_asc(candidate_contact::Column::Position)
        .all(db)
        .await?;
    for row in rows {
        by_candidate.entry(row.candidate_id).or_default().push(row);
    }
    Ok(by_candidate)
}

/// An email address or phone number as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub value: String,
    pub contact_type: String,
    pub is_primary: bool,
}

/// Replaces a candidate's emails and phones with these, in this order.
pub async fn replace_contacts<C: ConnectionTrait>(
    db: &C,
    candidate_id: Uuid,
    emails: &[Contact],
    phones: &[Contact],
) -> Result<(), DbErr> {
    candidate_contact::Entity::delete_many()
        .filter(candidate_contact::Column::CandidateId.eq(candidate_id))
        .exec(db)
        .await?;
    let rows: Vec<candidate_contact::ActiveModel> = [(EMAIL, emails), (PHONE, phones)]
        .into_iter()
        .flat_map(|(kind, list)| {
            list.iter()
                .enumerate()
                .map(move |(i, c)| candidate_contact::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    candidate_id: Set(candidate_id),
                    kind: Set(kind.into()),
                    value: Set(c.value.clone()),
                    value_lower: Set(c.value.to_lowercase()),
                    contact_type: Set(c.contact_type.clone()),
                    is_primary: Set(c.is_primary),
                    position: Set(i as i32),
                })
        })
        .collect();
    if !rows.is_empty() {
        candidate_contact::Entity::insert_many(rows)
            .exec(db)
            .await?;
    }
    Ok(())
}
