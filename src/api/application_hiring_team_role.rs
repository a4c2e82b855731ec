//! `applicationHiringTeamRole.list`: the roles a user can hold on an application's
//! hiring team (the organisation's hiring-team roles).

use super::hiring_team_role::{roles, RoleView};
use super::{Ctx, Reply};
use crate::error::ApiError;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ListRequest {}

/// `applicationHiringTeamRole.list`: every role, oldest first.
pub async fn list(ctx: Ctx, _: ListRequest) -> Result<Reply, ApiError> {
    let roles = roles(ctx.state.store.reader()).await?;
    let views: Vec<RoleView> = roles.into_iter().map(RoleView::from).collect();
    Reply::page(views, None, None)
}
