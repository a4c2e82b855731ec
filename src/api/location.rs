//! `location.*`: offices and regions. A `Location` is a place jobs and people
//! belong to; a `LocationHierarchy` (a region) groups locations and other regions.

use super::archiving::check_transition;
use super::input::Flag;
use super::paging::{self, PageParams};
use super::{text, tree, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::location::{self, Column, Entity as Locations};
use crate::store::WriteTxn;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use uuid::Uuid;

const LOCATION: &str = "Location";
const HIERARCHY: &str = "LocationHierarchy";

#[derive(Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum LocationType {
    Location,
    LocationHierarchy,
}

#[derive(Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum WorkplaceType {
    OnSite,
    Hybrid,
    Remote,
}

impl WorkplaceType {
    fn as_str(self) -> &'static str {
        match self {
            WorkplaceType::OnSite => "OnSite",
            WorkplaceType::Hybrid => "Hybrid",
            WorkplaceType::Remote => "Remote",
        }
    }
}

/// The postal address as clients send it; every part optional.
#[derive(Deserialize, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PostalAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    address_locality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    street_address: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    #[serde(default)]
    postal_address: Option<PostalAddress>,
}

impl Address {
    /// Reads a stored address back in a fixed key order (PostgreSQL's `jsonb`
    /// reorders keys), so both engines answer alike.
    fn canonical(stored: Value) -> Value {
        match serde_json::from_value::<Address>(stored.clone()) {
            Ok(address) => address.to_json(),
            Err(_) => stored,
        }
    }

    fn to_json(&self) -> Value {
        json!({"postalAddress": self.postal_address.as_ref().unwrap_or(&PostalAddress::default())})
    }
}

/// A location as Ashby returns it, also nested in jobs and job templates; empty
/// optional fields are left out.
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct LocationView {
    id: Uuid,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_name: Option<String>,
    is_archived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_remote: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    workplace_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_location_id: Option<Uuid>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra_data: Option<Value>,
}

impl From<location::Model> for LocationView {
    fn from(m: location::Model) -> Self {
        let is_location = m.location_type == LOCATION;
        LocationView {
            id: m.id,
            name: m.name,
            external_name: m.external_name,
            is_archived: m.is_archived,
            address: m.address.map(Address::canonical),
            is_remote: is_location.then(|| m.workplace_type.as_deref() == Some("Remote")),
            workplace_type: m.workplace_type,
            parent_location_id: m.parent_location_id,
            kind: m.location_type,
            extra_data: m.extra_data,
        }
    }
}

impl From<&location::Model> for LocationView {
    fn from(m: &location::Model) -> Self {
        LocationView::from(m.clone())
    }
}

fn reply(m: location::Model) -> Result<Reply, ApiError> {
    Reply::object(LocationView::from(m))
}

async fn load(write: &WriteTxn, id: Uuid) -> Result<location::Model, ApiError> {
    Locations::find_by_id(id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("location", id))
}

async fn save(write: WriteTxn, mut row: location::ActiveModel) -> Result<Reply, ApiError> {
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    write.commit().await?;
    reply(saved)
}

/// A parent must exist, be a region, and be active.
async fn check_parent(write: &WriteTxn, field: &str, parent_id: Uuid) -> Result<(), ApiError> {
    let parent = load(write, parent_id).await?;
    if parent.location_type != HIERARCHY {
        return Err(ApiError::invalid_input(format!(
            "`{field}`: {parent_id} is a location, not a location hierarchy; only hierarchies hold locations"
        )));
    }
    if parent.is_archived {
        return Err(ApiError::invalid_input(format!(
            "`{field}`: the location hierarchy {parent_id} is archived"
        )));
    }
    Ok(())
}

fn refuse_hierarchy_workplace(kind: LocationType) -> Result<(), ApiError> {
    if kind == LocationType::LocationHierarchy {
        return Err(ApiError::invalid_input(
            "`workplaceType`: a location hierarchy cannot have a workplace type or be remote",
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    name: String,
    #[serde(rename = "type")]
    kind: LocationType,
    #[serde(default)]
    address: Option<Address>,
    #[serde(default)]
    parent_location_id: Option<Uuid>,
    #[serde(default)]
    is_remote: Option<Flag>,
    #[serde(default)]
    workplace_type: Option<WorkplaceType>,
    #[serde(default)]
    external_name: Option<String>,
    #[serde(default)]
    extra_data: Option<Map<String, Value>>,
}

/// `location.create`
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let name = text::required("name", &req.name)?;
    let remote = req.is_remote.is_some_and(|f| f.0);
    let workplace = match (req.workplace_type, remote) {
        (Some(w), true) if w != WorkplaceType::Remote => {
            return Err(ApiError::invalid_input(
                "`isRemote` is true but `workplaceType` is not Remote; send one of them",
            ))
        }
        (None, true) => Some(WorkplaceType::Remote),
        (w, _) => w,
    };
    if workplace.is_some() {
        refuse_hierarchy_workplace(req.kind)?;
    }
    let write = ctx.state.store.write().await?;
    if let Some(parent_id) = req.parent_location_id {
        check_parent(&write, "parentLocationId", parent_id).await?;
    }
    let now = Utc::now();
    let kind = match req.kind {
        LocationType::Location => LOCATION,
        LocationType::LocationHierarchy => HIERARCHY,
    };
    let row = location::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        name: Set(name),
        external_name: Set(text::optional(req.external_name)),
        is_archived: Set(false),
        address: Set(req.address.as_ref().map(Address::to_json)),
        workplace_type: Set(workplace.map(|w| w.as_str().to_string())),
        parent_location_id: Set(req.parent_location_id),
        location_type: Set(kind.into()),
        extra_data: Set(req.extra_data.map(Value::Object)),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    reply(row)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdRequest {
    #[serde(alias = "id")]
    location_id: Uuid,
}

/// `location.info`
pub async fn info(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    let row = Locations::find_by_id(req.location_id)
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("location", req.location_id))?;
    reply(row)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
    #[serde(default)]
    include_location_hierarchy: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `location.list`: regions only with `includeLocationHierarchy`.
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Locations::find();
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(Column::IsArchived.eq(false));
    }
    if !req.include_location_hierarchy.0 {
        select = select.filter(Column::LocationType.eq(LOCATION));
    }
    let page = paging::list(&ctx, "location.list", &req.page, select).await?;
    let items: Vec<LocationView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveRequest {
    location_id: Uuid,
    parent_location_hierarchy_id: Uuid,
}

/// `location.move`: under a region, never under itself or one of its own regions.
pub async fn r#move(ctx: Ctx, req: MoveRequest) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let row = load(&write, req.location_id).await?;
    let parent_id = req.parent_location_hierarchy_id;
    if parent_id == row.id {
        return Err(ApiError::invalid_input(
            "`parentLocationHierarchyId`: a location cannot be its own parent",
        ));
    }
    check_parent(&write, "parentLocationHierarchyId", parent_id).await?;
    let parents: HashMap<Uuid, Option<Uuid>> = Locations::find()
        .select_only()
        .column(Column::Id)
        .column(Column::ParentLocationId)
        .into_tuple::<(Uuid, Option<Uuid>)>()
        .all(&write.txn)
        .await?
        .into_iter()
        .collect();
    if tree::would_cycle(&parents, row.id, parent_id) {
        return Err(ApiError::invalid_input(format!(
            "`parentLocationHierarchyId`: {parent_id} lies inside {}, so the move would make a cycle",
            row.id
        )));
    }
    let mut row = row.into_active_model();
    row.parent_location_id = Set(Some(parent_id));
    save(write, row).await
}

/// `location.archive`
pub async fn archive(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    set_archived(ctx, req.location_id, true).await
}

/// `location.restore`
pub async fn restore(ctx: Ctx, req: IdRequest) -> Result<Reply, ApiError> {
    set_archived(ctx, req.location_id, false).await
}

async fn set_archived(ctx: Ctx, id: Uuid, archive: bool) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let row = load(&write, id).await?;
    check_transition("location", id, row.is_archived, archive)?;
    let mut row = row.into_active_model();
    row.is_archived = Set(archive);
    save(write, row).await
}

/// Loads the location, lets `change` edit it, and saves it.
async fn edit(
    ctx: Ctx,
    id: Uuid,
    change: impl FnOnce(&location::Model, &mut location::ActiveModel) -> Result<(), ApiError>,
) -> Result<Reply, ApiError> {
    let write = ctx.state.store.write().await?;
    let current = load(&write, id).await?;
    let mut row = current.clone().into_active_model();
    change(&current, &mut row)?;
    save(write, row).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateAddressRequest {
    location_id: Uuid,
    address: Address,
}

/// `location.updateAddress`
pub async fn update_address(ctx: Ctx, req: UpdateAddressRequest) -> Result<Reply, ApiError> {
    let address = req.address.to_json();
    edit(ctx, req.location_id, |_, row| {
        row.address = Set(Some(address));
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateExternalNameRequest {
    location_id: Uuid,
    /// Absent, null or blank: the external name is removed.
    #[serde(default)]
    external_name: Option<String>,
}

/// `location.updateExternalName`
pub async fn update_external_name(
    ctx: Ctx,
    req: UpdateExternalNameRequest,
) -> Result<Reply, ApiError> {
    let external = text::optional(req.external_name);
    edit(ctx, req.location_id, |_, row| {
        row.external_name = Set(external);
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateNameRequest {
    location_id: Uuid,
    name: String,
}

/// `location.updateName`
pub async fn update_name(ctx: Ctx, req: UpdateNameRequest) -> Result<Reply, ApiError> {
    let name = text::required("name", &req.name)?;
    edit(ctx, req.location_id, |_, row| {
        row.name = Set(name);
        Ok(())
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateWorkplaceTypeRequest {
    location_id: Uuid,
    workplace_type: WorkplaceType,
}

/// `location.updateWorkplaceType`: locations only, not regions.
pub async fn update_workplace_type(
    ctx: Ctx,
    req: UpdateWorkplaceTypeRequest,
) -> Result<Reply, ApiError> {
    edit(ctx, req.location_id, |current, row| {
        if current.location_type == HIERARCHY {
            refuse_hierarchy_workplace(LocationType::LocationHierarchy)?;
        }
        row.workplace_type = Set(Some(req.workplace_type.as_str().to_string()));
        Ok(())
    })
    .await
}
