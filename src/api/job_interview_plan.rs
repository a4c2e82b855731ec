//! `jobInterviewPlan.info`: a job's default plan with its stages. Activities (the
//! interviews to schedule at each stage) come with the Interviews module; until then
//! each stage lists none.

use super::interview_stage::{self, StageView};
use super::{job, Ctx, Reply};
use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanView {
    job_id: Uuid,
    interview_plan_id: Uuid,
    stages: Vec<StageWithActivities>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StageWithActivities {
    #[serde(flatten)]
    stage: StageView,
    activities: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    job_id: Uuid,
}

/// `jobInterviewPlan.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let job = job::visible(db, &ctx.caller, req.job_id).await?;
    let plan_id = job.default_interview_plan_id.ok_or_else(|| {
        ApiError::new(
            "interview_plan_not_found",
            format!(
                "Job {} has no interview plan yet; set one with job.update.",
                job.id
            ),
        )
    })?;
    let stages = interview_stage::stages_of(db, plan_id).await?;
    Reply::object(PlanView {
        job_id: job.id,
        interview_plan_id: plan_id,
        stages: stages
            .into_iter()
            .map(|s| StageWithActivities {
                stage: StageView::from(s),
                activities: Vec::new(),
            })
            .collect(),
    })
}
