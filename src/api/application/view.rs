//! The Application object (objects.md §3.2) and the batch loading behind it: one
//! query per related table for a whole page, never one per application.

use crate::api::candidate::{contact_view, ContactView};
use crate::api::custom_field::{value_views_of, ValueView};
use crate::api::hiring_team::{self, MemberView, Team};
use crate::api::interview_stage::StageView;
use crate::api::opening_view::{self, OpeningView};
use crate::api::time;
use crate::api::user::UserView;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::batch;
use crate::store::candidates::{self, EMAIL, PHONE};
use crate::store::entities::{
    application, application_form_submission as form_submission, application_history,
    application_referral, archive_reason, candidate, interview_stage, job, opening_job, source,
    source_type, user,
};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationView {
    pub id: Uuid,
    #[serde(serialize_with = "time::serialize")]
    created_at: DateTime<Utc>,
    #[serde(serialize_with = "time::serialize")]
    updated_at: DateTime<Utc>,
    status: String,
    custom_fields: Vec<ValueView>,
    candidate: CandidateSummary,
    current_interview_stage: StageView,
    source: Option<SourceView>,
    archive_reason: Option<ArchiveReasonView>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "time::serialize_opt"
    )]
    archived_at: Option<DateTime<Utc>>,
    job: JobSummary,
    credited_to_user: Option<UserView>,
    hiring_team: Vec<MemberView>,
    applied_via_job_posting_id: Option<Uuid>,
    submitter_client_ip: Option<String>,
    submitter_user_agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    openings: Option<Vec<OpeningView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_history: Option<Vec<HistoryView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_form_submissions: Option<Vec<FormSubmissionView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    referrals: Option<Vec<ReferralView>>,
}

/// The reduced candidate nested in an application.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CandidateSummary {
    id: Uuid,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    primary_email_address: Option<ContactView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    primary_phone_number: Option<ContactView>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JobSummary {
    id: Uuid,
    title: String,
    location_id: Uuid,
    department_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    brand_id: Option<Uuid>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct SourceTypeView {
    id: Uuid,
    title: String,
    is_archived: bool,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct SourceView {
    id: Uuid,
    title: String,
    is_archived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_type: Option<SourceTypeView>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArchiveReasonView {
    id: Uuid,
    text: String,
    reason_type: String,
    is_archived: bool,
    custom_fields: Vec<Value>,
}

/// One entry of `applicationHistory` / `application.listHistory` (objects.md §2.17).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryView {
    id: Uuid,
    stage_id: Uuid,
    title: String,
    #[serde(serialize_with = "time::serialize")]
    entered_stage_at: DateTime<Utc>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "time::serialize_opt"
    )]
    left_stage_at: Option<DateTime<Utc>>,
    stage_number: i32,
    allowed_actions: Vec<&'static str>,
    actor_id: Option<Uuid>,
}

impl From<application_history::Model> for HistoryView {
    fn from(h: application_history::Model) -> Self {
        // The stage an application stands in can be re-dated but not removed.
        let allowed_actions = if h.left_stage_at.is_some() {
            vec!["set_entered_at", "delete"]
        } else {
            vec!["set_entered_at"]
        };
        HistoryView {
            id: h.id,
            stage_id: h.stage_id,
            title: h.title,
            entered_stage_at: h.entered_stage_at,
            left_stage_at: h.left_stage_at,
            stage_number: h.stage_number,
            allowed_actions,
            actor_id: h.actor_id,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormSubmissionView {
    pub id: Uuid,
    pub form_definition: Value,
    pub submitted_values: Value,
}

impl From<form_submission::Model> for FormSubmissionView {
    fn from(f: form_submission::Model) -> Self {
        FormSubmissionView {
            id: f.id,
            form_definition: crate::api::form::canonical(f.form_definition),
            submitted_values: f.submitted_values,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReferralView {
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<UserView>,
    #[serde(serialize_with = "time::serialize")]
    referred_at: DateTime<Utc>,
}

/// What besides the base object a response carries.
#[derive(Clone, Copy, Default)]
pub struct Extras {
    pub openings: bool,
    pub history: bool,
    pub form_submissions: bool,
    pub referrals: bool,
}

impl Extras {
    /// Reads an `expand` list; `allowed` names the values this endpoint takes.
    pub fn from_expand(expand: &[String], allowed: &[&str]) -> Result<Extras, ApiError> {
        let mut extras = Extras::default();
        for item in expand {
            if !allowed.contains(&item.as_str()) {
                return Err(ApiError::invalid_input(format!(
                    "Invalid value for `expand`: `{item}`; expected one of {}.",
                    allowed.join(", ")
                )));
            }
            match item.as_str() {
                "openings" => extras.openings = true,
                "applicationFormSubmissions" => extras.form_submissions = true,
                "referrals" => extras.referrals = true,
                _ => {}
            }
        }
        Ok(extras)
    }
}

/// Everything the applications of one page point at, loaded in one query per kind.
struct Related {
    candidates: HashMap<Uuid, candidate::Model>,
    emails: HashMap<Uuid, ContactView>,
    phones: HashMap<Uuid, ContactView>,
    stages: HashMap<Uuid, interview_stage::Model>,
    jobs: HashMap<Uuid, job::Model>,
    sources: HashMap<Uuid, SourceView>,
    reasons: HashMap<Uuid, archive_reason::Model>,
    users: HashMap<Uuid, user::Model>,
    teams: HashMap<Uuid, Vec<MemberView>>,
}

async fn related<C: ConnectionTrait>(
    db: &C,
    rows: &[application::Model],
) -> Result<Related, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let candidates = batch::by_id::<candidate::Entity, _>(
        db,
        candidate::Column::Id,
        rows.iter().map(|a| a.candidate_id),
    )
    .await?;
    let candidate_ids: Vec<Uuid> = candidates.keys().copied().collect();
    let mut emails = HashMap::new();
    let mut phones = HashMap::new();
    for (owner, contacts) in candidates::contacts_of(db, &candidate_ids).await? {
        for c in contacts.iter().filter(|c| c.is_primary) {
            match c.kind.as_str() {
                EMAIL => emails.insert(owner, contact_view(c)),
                PHONE => phones.insert(owner, contact_view(c)),
                _ => None,
            };
        }
    }
    let stages = batch::by_id::<interview_stage::Entity, _>(
        db,
        interview_stage::Column::Id,
        rows.iter().map(|a| a.current_stage_id),
    )
    .await?;
    let jobs =
        batch::by_id::<job::Entity, _>(db, job::Column::Id, rows.iter().map(|a| a.job_id)).await?;
    let sources = sources(db, rows.iter().filter_map(|a| a.source_id)).await?;
    let reasons = batch::by_id::<archive_reason::Entity, _>(
        db,
        archive_reason::Column::Id,
        rows.iter().filter_map(|a| a.archive_reason_id),
    )
    .await?;
    let users = batch::by_id::<user::Entity, _>(
        db,
        user::Column::Id,
        rows.iter().filter_map(|a| a.credited_to_user_id),
    )
    .await?;
    let teams = hiring_team::teams(db, Team::Application, &ids).await?;
    Ok(Related {
        candidates,
        emails,
        phones,
        stages,
        jobs,
        sources,
        reasons,
        users,
        teams,
    })
}

async fn sources<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, SourceView>, ApiError> {
    let rows = batch::by_id::<source::Entity, _>(db, source::Column::Id, ids).await?;
    let types = batch::by_id::<source_type::Entity, _>(
        db,
        source_type::Column::Id,
        rows.values().filter_map(|s| s.source_type_id),
    )
    .await?;
    Ok(rows
        .into_values()
        .map(|s| {
            let view = SourceView {
                id: s.id,
                title: s.title,
                is_archived: s.is_archived,
                source_type: s
                    .source_type_id
                    .and_then(|t| types.get(&t))
                    .map(|t| SourceTypeView {
                        id: t.id,
                        title: t.title.clone(),
                        is_archived: t.is_archived,
                    }),
            };
            (view.id, view)
        })
        .collect())
}

/// Shapes applications for the wire, keeping their order.
pub async fn render<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    rows: Vec<application::Model>,
    extras: Extras,
) -> Result<Vec<ApplicationView>, ApiError> {
    let ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
    let mut rel = related(db, &rows).await?;
    let mut values = value_views_of(db, caller, &ids).await?;
    let mut openings = if extras.openings {
        Some(openings_by_job(db, caller, rows.iter().map(|a| a.job_id)).await?)
    } else {
        None
    };
    let mut history = if extras.history {
        Some(history_of(db, &ids).await?)
    } else {
        None
    };
    let mut forms = if extras.form_submissions {
        Some(batch::group(
            form_submission::Entity::find()
                .filter(form_submission::Column::ApplicationId.is_in(ids.clone()))
                .order_by_asc(form_submission::Column::CreatedAt)
                .order_by_asc(form_submission::Column::Id)
                .all(db)
                .await?,
            |f| f.application_id,
        ))
    } else {
        None
    };
    let mut referrals = if extras.referrals {
        Some(referrals_of(db, &ids).await?)
    } else {
        None
    };
    let mut out = Vec::with_capacity(rows.len());
    for a in rows {
        // Foreign keys guarantee these; a row without them is skipped, never a panic.
        let (Some(c), Some(stage), Some(j)) = (
            rel.candidates.get(&a.candidate_id),
            rel.stages.get(&a.current_stage_id),
            rel.jobs.get(&a.job_id),
        ) else {
            continue;
        };
        out.push(ApplicationView {
            id: a.id,
            created_at: a.created_at,
            updated_at: a.updated_at,
            status: a.status,
            custom_fields: values.remove(&a.id).unwrap_or_default(),
            candidate: CandidateSummary {
                id: c.id,
                name: c.name.clone(),
                primary_email_address: rel.emails.get(&c.id).cloned(),
                primary_phone_number: rel.phones.get(&c.id).cloned(),
            },
            current_interview_stage: StageView::from(stage.clone()),
            source: a.source_id.and_then(|s| rel.sources.get(&s).cloned()),
            archive_reason: a
                .archive_reason_id
                .and_then(|r| rel.reasons.get(&r))
                .map(|r| ArchiveReasonView {
                    id: r.id,
                    text: r.text.clone(),
                    reason_type: r.reason_type.clone(),
                    is_archived: r.is_archived,
                    custom_fields: Vec::new(),
                }),
            archived_at: a.archived_at,
            job: JobSummary {
                id: j.id,
                title: j.title.clone(),
                location_id: j.location_id,
                department_id: j.department_id,
                brand_id: j.brand_id,
            },
            credited_to_user: a
                .credited_to_user_id
                .and_then(|u| rel.users.get(&u))
                .map(UserView::from),
            hiring_team: rel.teams.remove(&a.id).unwrap_or_default(),
            applied_via_job_posting_id: a.applied_via_job_posting_id,
            submitter_client_ip: a.submitter_client_ip,
            submitter_user_agent: a.submitter_user_agent,
            openings: openings
                .as_mut()
                .map(|o| o.get(&a.job_id).cloned().unwrap_or_default()),
            application_history: history
                .as_mut()
                .map(|h| h.remove(&a.id).unwrap_or_default()),
            application_form_submissions: forms.as_mut().map(|f| {
                f.remove(&a.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(FormSubmissionView::from)
                    .collect()
            }),
            referrals: referrals
                .as_mut()
                .map(|r| r.remove(&a.id).unwrap_or_default()),
        });
    }
    Ok(out)
}

/// The history of these applications, each in stage order.
pub async fn history_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<HistoryView>>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = application_history::Entity::find()
        .filter(application_history::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_asc(application_history::Column::StageNumber)
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<HistoryView>> = HashMap::new();
    for row in rows {
        out.entry(row.application_id)
            .or_default()
            .push(HistoryView::from(row));
    }
    Ok(out)
}

async fn referrals_of<C: ConnectionTrait>(
    db: &C,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<ReferralView>>, ApiError> {
    let rows = application_referral::Entity::find()
        .filter(application_referral::Column::ApplicationId.is_in(ids.iter().copied()))
        .order_by_asc(application_referral::Column::ReferredAt)
        .all(db)
        .await?;
    let users =
        batch::by_id::<user::Entity, _>(db, user::Column::Id, rows.iter().map(|r| r.user_id))
            .await?;
    let mut out: HashMap<Uuid, Vec<ReferralView>> = HashMap::new();
    for r in rows {
        out.entry(r.application_id).or_default().push(ReferralView {
            user: users.get(&r.user_id).map(UserView::from),
            referred_at: r.referred_at,
        });
    }
    Ok(out)
}

/// The openings of these jobs, by job.
async fn openings_by_job<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    job_ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, Vec<OpeningView>>, ApiError> {
    let mut job_ids: Vec<Uuid> = job_ids.into_iter().collect();
    job_ids.sort();
    job_ids.dedup();
    if job_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let links = opening_job::Entity::find()
        .filter(opening_job::Column::JobId.is_in(job_ids))
        .order_by_asc(opening_job::Column::OpeningId)
        .all(db)
        .await?;
    let views =
        opening_view::load_and_render(db, caller, links.iter().map(|l| l.opening_id)).await?;
    let mut out: HashMap<Uuid, Vec<OpeningView>> = HashMap::new();
    for link in links {
        if let Some(view) = views.get(&link.opening_id) {
            out.entry(link.job_id).or_default().push(view.clone());
        }
    }
    Ok(out)
}
