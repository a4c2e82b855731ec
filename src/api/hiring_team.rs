//! `hiringTeam.*` and `application.add/removeHiringTeamMember`: users holding roles
//! on the hiring team of a job, an opening or an application, and the `hiringTeam`
//! arrays nested in them.

use super::{application, job, opening, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::application as application_e;
use crate::store::entities::{hiring_team_member as member, hiring_team_role, job as job_e};
use crate::store::entities::{opening as opening_e, user};
use crate::store::{applications, batch};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Select, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// One member as Ashby nests it (`hiringTeam[]`) and as add/remove answer.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub user_id: Uuid,
}

/// Whose hiring team a member row belongs to.
#[derive(Clone, Copy)]
pub enum Team {
    Job,
    Opening,
    Application,
}

impl Team {
    fn column(self) -> member::Column {
        match self {
            Team::Job => member::Column::JobId,
            Team::Opening => member::Column::OpeningId,
            Team::Application => member::Column::ApplicationId,
        }
    }

    fn owner(self, m: &member::Model) -> Option<Uuid> {
        match self {
            Team::Job => m.job_id,
            Team::Opening => m.opening_id,
            Team::Application => m.application_id,
        }
    }
}

/// The hiring teams of these jobs or openings, by owner id, in the order members joined.
pub async fn teams<C: ConnectionTrait>(
    db: &C,
    team: Team,
    owners: &[Uuid],
) -> Result<HashMap<Uuid, Vec<MemberView>>, DbErr> {
    if owners.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = member::Entity::find()
        .filter(team.column().is_in(owners.iter().copied()))
        .order_by_asc(member::Column::CreatedAt)
        .order_by_asc(member::Column::Id)
        .all(db)
        .await?;
    let users =
        batch::by_id::<user::Entity, _>(db, user::Column::Id, rows.iter().map(|m| m.user_id))
            .await?;
    let roles = batch::by_id::<hiring_team_role::Entity, _>(
        db,
        hiring_team_role::Column::Id,
        rows.iter().map(|m| m.role_id),
    )
    .await?;
    let mut out: HashMap<Uuid, Vec<MemberView>> = HashMap::new();
    for row in &rows {
        let (Some(owner), Some(u), Some(role)) = (
            team.owner(row),
            users.get(&row.user_id),
            roles.get(&row.role_id),
        ) else {
            continue;
        };
        out.entry(owner).or_default().push(view(u, role));
    }
    Ok(out)
}

fn view(u: &user::Model, role: &hiring_team_role::Model) -> MemberView {
    MemberView {
        email: u.email.clone(),
        first_name: u.first_name.clone(),
        last_name: u.last_name.clone(),
        role: role.title.clone(),
        user_id: u.id,
    }
}

/// Add and remove take the same body: one of `applicationId`, `jobId`, `openingId`,
/// plus the user and the role.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberRequest {
    #[serde(default)]
    application_id: Option<Uuid>,
    #[serde(default)]
    job_id: Option<Uuid>,
    #[serde(default)]
    opening_id: Option<Uuid>,
    team_member_id: Uuid,
    role_id: Uuid,
}

/// The team a request names, checked to exist and be visible to the caller.
enum Target {
    Job(job_e::Model),
    Opening(opening_e::Model),
    Application(application_e::Model),
}

async fn target<C: ConnectionTrait>(
    ctx: &Ctx,
    db: &C,
    req: &MemberRequest,
) -> Result<Target, ApiError> {
    match (req.application_id, req.job_id, req.opening_id) {
        (Some(id), None, None) => Ok(Target::Application(
            applications::find_visible(db, &ctx.caller, id)
                .await?
                .ok_or_else(|| ApiError::not_found("application", id))?,
        )),
        (None, Some(id), None) => Ok(Target::Job(job::visible(db, &ctx.caller, id).await?)),
        (None, None, Some(id)) => Ok(Target::Opening(opening::find(db, id).await?)),
        _ => Err(ApiError::invalid_input(
            "Name exactly one of `applicationId`, `jobId` or `openingId`.",
        )),
    }
}

impl Target {
    fn members(&self) -> Select<member::Entity> {
        match self {
            Target::Job(j) => member::Entity::find().filter(member::Column::JobId.eq(j.id)),
            Target::Opening(o) => member::Entity::find().filter(member::Column::OpeningId.eq(o.id)),
            Target::Application(a) => {
                member::Entity::find().filter(member::Column::ApplicationId.eq(a.id))
            }
        }
    }

    /// Stamps the owner so incremental syncs of jobs or openings see the new team.
    async fn touch<C: ConnectionTrait>(&self, db: &C, change: i64) -> Result<(), DbErr> {
        let now = Utc::now();
        match self {
            Target::Job(j) => {
                batch::touch::<job_e::Entity, _>(db, job::TOUCH, [j.id], change, now).await
            }
            Target::Opening(o) => {
                batch::touch::<opening_e::Entity, _>(db, opening::TOUCH, [o.id], change, now).await
            }
            Target::Application(a) => {
                batch::touch::<application_e::Entity, _>(
                    db,
                    application::TOUCH,
                    [a.id],
                    change,
                    now,
                )
                .await
            }
        }
    }
}

async fn member_parts<C: ConnectionTrait>(
    db: &C,
    req: &MemberRequest,
) -> Result<(user::Model, hiring_team_role::Model), ApiError> {
    let u = user::Entity::find_by_id(req.team_member_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("user", req.team_member_id))?;
    let role = hiring_team_role::Entity::find_by_id(req.role_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("hiring_team_role", req.role_id))?;
    Ok((u, role))
}

/// `hiringTeam.addMember`: adding a member who already holds the role changes nothing.
pub async fn add_member(ctx: Ctx, req: MemberRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let target = target(&ctx, &write.txn, &req).await?;
    let (u, role) = member_parts(&write.txn, &req).await?;
    let existing = target
        .members()
        .filter(member::Column::UserId.eq(u.id))
        .filter(member::Column::RoleId.eq(role.id))
        .one(&write.txn)
        .await?;
    if existing.is_none() {
        member::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(Utc::now()),
            user_id: Set(u.id),
            role_id: Set(role.id),
            // `target` checked that exactly one owner is named.
            job_id: Set(req.job_id),
            opening_id: Set(req.opening_id),
            application_id: Set(req.application_id),
        }
        .insert(&write.txn)
        .await?;
        target.touch(&write.txn, write.change).await?;
    }
    write.commit().await?;
    Reply::object(view(&u, &role))
}

/// `hiringTeam.removeMember`
pub async fn remove_member(ctx: Ctx, req: MemberRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let target = target(&ctx, &write.txn, &req).await?;
    let (u, role) = member_parts(&write.txn, &req).await?;
    let existing = target
        .members()
        .filter(member::Column::UserId.eq(u.id))
        .filter(member::Column::RoleId.eq(role.id))
        .one(&write.txn)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                "hiring_team_member_not_found",
                format!(
                    "{} {} does not hold the {} role on this hiring team.",
                    u.first_name, u.last_name, role.title
                ),
            )
        })?;
    existing.delete(&write.txn).await?;
    target.touch(&write.txn, write.change).await?;
    write.commit().await?;
    Reply::object(view(&u, &role))
}

impl MemberRequest {
    /// The body of `application.addHiringTeamMember` / `removeHiringTeamMember`.
    pub fn for_application(application: Uuid, user: Uuid, role: Uuid) -> Self {
        MemberRequest {
            application_id: Some(application),
            job_id: None,
            opening_id: None,
            team_member_id: user,
            role_id: role,
        }
    }
}
