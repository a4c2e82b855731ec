//! `brand.list`: the employer brands job boards are published under.

use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::brand::{self, Entity as Brands};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BrandView {
    id: Uuid,
    name: String,
    hosted_jobs_page_slug: String,
}

impl From<brand::Model> for BrandView {
    fn from(m: brand::Model) -> Self {
        BrandView {
            id: m.id,
            name: m.name,
            hosted_jobs_page_slug: m.hosted_jobs_page_slug,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(flatten)]
    page: PageParams,
}

/// `brand.list`: cursor paging only; Ashby offers no sync token here.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let params = PageParams {
        sync_token: None,
        ..req.page
    };
    let page = paging::list(&ctx, "brand.list", &params, Brands::find()).await?;
    let items: Vec<BrandView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, None)
}
