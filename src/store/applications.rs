//! Queries on applications. Every read of applications starts from
//! `visible_applications`, the one place that decides which applications a caller may see.

use super::entities::{application, job};
use crate::auth::Caller;
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

/// The applications `caller` may see: those on confidential jobs only with the
/// confidential flag.
pub fn visible_applications(caller: &Caller) -> Select<application::Entity> {
    let select = application::Entity::find();
    if caller.sees_confidential() {
        select
    } else {
        select.filter(application::Column::JobId.in_subquery(jobs_where(false)))
    }
}

/// One visible application, or `None` when it does not exist or is hidden.
pub async fn find_visible<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    id: Uuid,
) -> Result<Option<application::Model>, DbErr> {
    visible_applications(caller)
        .filter(application::Column::Id.eq(id))
        .one(db)
        .await
}

/// Ids of the jobs whose confidential flag is `confidential`.
fn jobs_where(confidential: bool) -> SelectStatement {
    Query::select()
        .column(job::Column::Id)
        .from(job::Entity)
        .and_where(job::Column::Confidential.eq(confidential))
        .to_owned()
}

/// Candidate ids holding an application on a job whose confidential flag is `confidential`.
pub fn candidates_applying_where(confidential: bool) -> SelectStatement {
    Query::select()
        .column(application::Column::CandidateId)
        .from(application::Entity)
        .and_where(application::Column::JobId.in_subquery(jobs_where(confidential)))
        .to_owned()
}
