//! `assessment.addCompletedToCandidate` and `assessment.update`: what assessment
//! partners report about the assessments they run on candidates.

use super::input::EpochMillis;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::candidates;
use crate::store::entities::candidate_assessment::{self, Column, Entity as Assessments};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// One reported field: `{identifier, label, description?, type, value}`.
#[derive(Deserialize, Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentField {
    identifier: String,
    label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    value: Value,
}

impl AssessmentField {
    /// Refuses a field whose value does not fit its type.
    fn check(&self, name: &str) -> Result<(), ApiError> {
        let fits = match self.kind.as_str() {
            "numeric_score" | "numeric_duration_minutes" => self.value.is_number(),
            "boolean_success" => self.value.is_boolean(),
            "string" => self.value.is_string(),
            "url" => self
                .value
                .as_str()
                .is_some_and(|u| url::Url::parse(u).is_ok_and(|u| u.has_host())),
            other => {
                return Err(ApiError::invalid_input(format!(
                    "`{name}.type`: `{other}` is not one of numeric_score, \
                     numeric_duration_minutes, url, string, boolean_success"
                )))
            }
        };
        if !fits {
            return Err(ApiError::invalid_input(format!(
                "`{name}.value` does not fit its type {}",
                self.kind
            )));
        }
        if self.identifier.trim().is_empty() || self.label.trim().is_empty() {
            return Err(ApiError::invalid_input(format!(
                "`{name}`: identifier and label may not be empty"
            )));
        }
        Ok(())
    }
}

fn check_all(fields: &[AssessmentField], name: &str) -> Result<(), ApiError> {
    fields
        .iter()
        .enumerate()
        .try_for_each(|(i, f)| f.check(&format!("{name}[{i}]")))
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    serde_json::to_value(value).map_err(ApiError::internal)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AssessmentView {
    assessment_id: Uuid,
    assessment_name: String,
    assessment_type_id: Uuid,
    candidate_id: Uuid,
    metadata: Vec<AssessmentField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<AssessmentField>,
}

impl From<candidate_assessment::Model> for AssessmentView {
    fn from(m: candidate_assessment::Model) -> Self {
        AssessmentView {
            assessment_id: m.assessment_id,
            assessment_name: m.assessment_name,
            assessment_type_id: m.assessment_type_id,
            candidate_id: m.candidate_id,
            // Read back through the field type, so keys come out in one order on
            // both engines (PostgreSQL's jsonb reorders them).
            metadata: serde_json::from_value(m.metadata).unwrap_or_default(),
            result: m.result.and_then(|r| serde_json::from_value(r).ok()),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletedAssessment {
    assessment_type_id: Uuid,
    assessment_id: Uuid,
    assessment_name: String,
    result: AssessmentField,
    metadata: Vec<AssessmentField>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddCompletedRequest {
    candidate_id: Uuid,
    partner_id: Uuid,
    assessment: CompletedAssessment,
    timestamp: EpochMillis,
}

/// `assessment.addCompletedToCandidate`. Reporting the same `assessmentId` again
/// replaces what was reported before.
pub async fn add_completed_to_candidate(
    ctx: Ctx,
    req: AddCompletedRequest,
) -> Result<Reply, ApiError> {
    let a = &req.assessment;
    if a.assessment_name.trim().is_empty() {
        return Err(ApiError::invalid_input(
            "`assessment.assessmentName` may not be empty",
        ));
    }
    a.result.check("assessment.result")?;
    check_all(&a.metadata, "assessment.metadata")?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    candidates::find_visible(&write.txn, &ctx.caller, req.candidate_id)
        .await?
        .ok_or_else(|| ApiError::not_found("candidate", req.candidate_id))?;
    let existing = Assessments::find()
        .filter(Column::AssessmentId.eq(a.assessment_id))
        .one(&write.txn)
        .await?;
    let is_new = existing.is_none();
    let mut row = match existing {
        Some(found) if found.candidate_id != req.candidate_id => {
            return Err(ApiError::invalid_input(format!(
                "`assessment.assessmentId`: {} was reported for another candidate",
                a.assessment_id
            )))
        }
        Some(found) => found.into_active_model(),
        None => candidate_assessment::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            candidate_id: Set(req.candidate_id),
            assessment_id: Set(a.assessment_id),
            status: Set(None),
            profile_url: Set(None),
            cancelled_reason: Set(None),
            ..Default::default()
        },
    };
    row.updated_at = Set(now);
    row.change_seq = Set(write.change);
    row.partner_id = Set(req.partner_id);
    row.assessment_type_id = Set(a.assessment_type_id);
    row.assessment_name = Set(a.assessment_name.trim().to_string());
    row.result = Set(Some(to_json(&a.result)?));
    row.metadata = Set(to_json(&a.metadata)?);
    row.reported_at = Set(req.timestamp.0);
    let saved = if is_new {
        row.insert(&write.txn).await?
    } else {
        row.update(&write.txn).await?
    };
    write.commit().await?;
    Reply::object(AssessmentView::from(saved))
}

#[derive(Deserialize)]
pub struct UpdateRequest {
    assessment_id: Uuid,
    timestamp: EpochMillis,
    #[serde(default)]
    assessment_status: Option<AssessmentField>,
    #[serde(default)]
    assessment_profile_url: Option<AssessmentField>,
    #[serde(default)]
    assessment_result: Option<AssessmentField>,
    #[serde(default)]
    cancelled_reason: Option<AssessmentField>,
    #[serde(default)]
    metadata: Option<Vec<AssessmentField>>,
}

/// `assessment.update`: the partner's news about an assessment it reported; a
/// report older than the last one is ignored, so late deliveries do no harm.
pub async fn update(ctx: Ctx, req: UpdateRequest) -> Result<Reply, ApiError> {
    if req.assessment_status.is_none() && req.cancelled_reason.is_none() {
        return Err(ApiError::invalid_input(
            "`assessment_status` is required unless `cancelled_reason` is sent",
        ));
    }
    let named = [
        ("assessment_status", &req.assessment_status),
        ("assessment_profile_url", &req.assessment_profile_url),
        ("assessment_result", &req.assessment_result),
        ("cancelled_reason", &req.cancelled_reason),
    ];
    for (name, field) in named {
        if let Some(field) = field {
            field.check(name)?;
        }
    }
    check_all(req.metadata.as_deref().unwrap_or_default(), "metadata")?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    let found = Assessments::find()
        .filter(Column::AssessmentId.eq(req.assessment_id))
        .one(&write.txn)
        .await?;
    let visible = match &found {
        Some(a) => candidates::find_visible(&write.txn, &ctx.caller, a.candidate_id)
            .await?
            .is_some(),
        None => false,
    };
    let current = found
        .filter(|_| visible)
        .ok_or_else(|| ApiError::not_found("assessment", req.assessment_id))?;
    if req.timestamp.0 < current.reported_at {
        return Reply::object(AssessmentView::from(current));
    }
    let mut row = current.into_active_model();
    row.updated_at = Set(now);
    row.change_seq = Set(write.change);
    row.reported_at = Set(req.timestamp.0);
    if let Some(status) = &req.assessment_status {
        row.status = Set(Some(to_json(status)?));
    }
    if let Some(url) = &req.assessment_profile_url {
        row.profile_url = Set(Some(to_json(url)?));
    }
    if let Some(result) = &req.assessment_result {
        row.result = Set(Some(to_json(result)?));
    }
    if let Some(reason) = &req.cancelled_reason {
        row.cancelled_reason = Set(Some(to_json(reason)?));
    }
    if let Some(metadata) = &req.metadata {
        row.metadata = Set(to_json(metadata)?);
    }
    let saved = row.update(&write.txn).await?;
    write.commit().await?;
    Reply::object(AssessmentView::from(saved))
}
