//! The organisation itself: its id, made once by migration m0003.

use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

/// The id forms report as `organizationId`.
pub async fn organization_id(db: &impl ConnectionTrait) -> Result<Uuid, DbErr> {
    let select = Query::select()
        .column(Alias::new("value"))
        .from(Alias::new("server_setting"))
        .and_where(Expr::col(Alias::new("name")).eq("organization_id"))
        .to_owned();
    let row = db
        .query_one(db.get_database_backend().build(&select))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("organization_id".into()))?;
    let value: String = row.try_get_by_index(0)?;
    Uuid::parse_str(&value).map_err(|e| DbErr::Custom(e.to_string()))
}
