//! `hiringTeamRole.list`: the roles users can hold on hiring teams.

use super::input::Flag;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::hiring_team_role as role;
use sea_orm::{EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
struct RoleView {
    id: Uuid,
    title: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    names_only: Option<Flag>,
}

/// `hiringTeamRole.list`: titles only unless `namesOnly` is false.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let roles = role::Entity::find()
        .order_by_asc(role::Column::CreatedAt)
        .order_by_asc(role::Column::Id)
        .all(ctx.state.store.reader())
        .await?;
    if req.names_only.is_none_or(|f| f.0) {
        let names: Vec<String> = roles.into_iter().map(|r| r.title).collect();
        return Reply::object(names);
    }
    let views: Vec<RoleView> = roles
        .into_iter()
        .map(|r| RoleView {
            id: r.id,
            title: r.title,
        })
        .collect();
    Reply::object(views)
}
