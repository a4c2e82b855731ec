//! `source.list`: where candidates come from, each with its source type.

use super::input::Flag;
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::source::{self, Column, Entity as Sources};
use crate::store::entities::source_type::{self, Entity as SourceTypes};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SourceTypeView {
    id: Uuid,
    title: String,
    is_archived: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SourceView {
    id: Uuid,
    title: String,
    is_archived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_type: Option<SourceTypeView>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
}

/// `source.list`: not paginated (`moreDataAvailable` is always false); source
/// types are loaded in one query.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let mut select = Sources::find().order_by_asc(Column::Id);
    if !req.include_archived.0 {
        select = select.filter(Column::IsArchived.eq(false));
    }
    let sources: Vec<source::Model> = select.all(db).await?;
    let type_ids: Vec<Uuid> = sources.iter().filter_map(|s| s.source_type_id).collect();
    let types: HashMap<Uuid, source_type::Model> = SourceTypes::find()
        .filter(source_type::Column::Id.is_in(type_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let items: Vec<SourceView> = sources
        .into_iter()
        .map(|s| SourceView {
            source_type: s
                .source_type_id
                .and_then(|id| types.get(&id))
                .map(|t| SourceTypeView {
                    id: t.id,
                    title: t.title.clone(),
                    is_archived: t.is_archived,
                }),
            id: s.id,
            title: s.title,
            is_archived: s.is_archived,
        })
        .collect();
    Reply::page(items, None, None)
}
