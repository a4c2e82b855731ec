//! Tags, projects and custom field values hanging on candidates (and, for values,
//! on other objects): the batch loads behind list pages and the visibility rule for
//! projects.

use super::entities::{candidate_project, candidate_tag, candidate_tag_link, custom_field};
use super::entities::{custom_field_value, project};
use crate::auth::Caller;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Select};
use std::collections::HashMap;
use uuid::Uuid;

/// The projects `caller` may see: confidential ones only with the flag.
pub fn visible_projects(caller: &Caller) -> Select<project::Entity> {
    let select = project::Entity::find();
    if caller.sees_confidential() {
        select
    } else {
        select.filter(project::Column::Confidential.eq(false))
    }
}

/// The visible projects a candidate belongs to.
pub fn projects_of_candidate(caller: &Caller, candidate_id: Uuid) -> Select<project::Entity> {
    let memberships = Query::select()
        .column(candidate_project::Column::ProjectId)
        .from(candidate_project::Entity)
        .and_where(candidate_project::Column::CandidateId.eq(candidate_id))
        .to_owned();
    visible_projects(caller).filter(project::Column::Id.in_subquery(memberships))
}

/// The tags of these candidates, by title, by candidate: two queries for any number.
pub async fn tags_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<candidate_tag::Model>>, DbErr> {
    let mut by_candidate: HashMap<Uuid, Vec<candidate_tag::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_candidate);
    }
    let links = candidate_tag_link::Entity::find()
        .filter(candidate_tag_link::Column::CandidateId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(by_candidate);
    }
    let tags: HashMap<Uuid, candidate_tag::Model> = candidate_tag::Entity::find()
        .filter(candidate_tag::Column::Id.is_in(links.iter().map(|l| l.tag_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    for link in links {
        if let Some(tag) = tags.get(&link.tag_id) {
            by_candidate
                .entry(link.candidate_id)
                .or_default()
                .push(tag.clone());
        }
    }
    for list in by_candidate.values_mut() {
        list.sort_by(|a, b| a.title_lower.cmp(&b.title_lower));
    }
    Ok(by_candidate)
}

/// A stored custom field value with its definition.
#[derive(Clone, Debug)]
pub struct FieldValue {
    pub field: custom_field::Model,
    pub value: serde_json::Value,
}

/// The custom field values of these objects, by object, in field-title order.
/// Values of private fields are left out unless `with_private`.
pub async fn values_of<C: ConnectionTrait>(
    db: &C,
    object_ids: &[Uuid],
    with_private: bool,
) -> Result<HashMap<Uuid, Vec<FieldValue>>, DbErr> {
    let mut by_object: HashMap<Uuid, Vec<FieldValue>> = HashMap::new();
    if object_ids.is_empty() {
        return Ok(by_object);
    }
    let values = custom_field_value::Entity::find()
        .filter(custom_field_value::Column::ObjectId.is_in(object_ids.iter().copied()))
        .all(db)
        .await?;
    if values.is_empty() {
        return Ok(by_object);
    }
    let mut fields = custom_field::Entity::find()
        .filter(custom_field::Column::Id.is_in(values.iter().map(|v| v.custom_field_id)));
    if !with_private {
        fields = fields.filter(custom_field::Column::IsPrivate.eq(false));
    }
    let fields: HashMap<Uuid, custom_field::Model> = fields
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    for value in values {
        if let Some(field) = fields.get(&value.custom_field_id) {
            by_object
                .entry(value.object_id)
                .or_default()
                .push(FieldValue {
                    field: field.clone(),
                    value: value.value,
                });
        }
    }
    for list in by_object.values_mut() {
        list.sort_by(|a, b| (&a.field.title, a.field.id).cmp(&(&b.field.title, b.field.id)));
    }
    Ok(by_object)
}
