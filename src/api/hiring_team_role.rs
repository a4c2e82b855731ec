//! `hiringTeamRole.list`: the roles users can hold on hiring teams.

use super::input::Flag;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::hiring_team_role as role;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
pub struct RoleView {
    id: Uuid,
    title: String,
}

impl From<role::Model> for RoleView {
    fn from(r: role::Model) -> Self {
        RoleView {
            id: r.id,
            title: r.title,
        }
    }
}

/// Every role, oldest first.
pub async fn roles<C: ConnectionTrait>(db: &C) -> Result<Vec<role::Model>, ApiError> {
    Ok(role::Entity::find()
        .order_by_asc(role::Column::CreatedAt)
        .order_by_asc(role::Column::Id)
        .all(db)
        .await?)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    names_only: Option<Flag>,
}

/// `hiringTeamRole.list`: titles only unless `namesOnly` is false.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let roles = roles(ctx.state.store.reader()).await?;
    if req.names_only.is_none_or(|f| f.0) {
        let names: Vec<String> = roles.into_iter().map(|r| r.title).collect();
        return Reply::object(names);
    }
    let views: Vec<RoleView> = roles.into_iter().map(RoleView::from).collect();
    Reply::object(views)
}
