//! `customField.*`: custom field definitions and the options of select fields;
//! values on objects live in `values`.

mod values;

pub use values::{set_value, set_values, views_of as value_views_of, ValueView};

use super::input::Flag;
use super::paging::{self, PageParams};
use super::{text, Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::custom_field::{self, Column, Entity as Fields};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

const FIELD_TYPES: [&str; 12] = [
    "Boolean",
    "CompensationRange",
    "Currency",
    "Date",
    "LongText",
    "MultiValueSelect",
    "Number",
    "NumberRange",
    "String",
    "ValueSelect",
    "Url",
    "UUID",
];

/// `customField.create` names object types in its own vocabulary; responses use
/// Ashby's object names (`Opening_Version` is reported as `Opening`).
fn object_type(requested: &str) -> Option<&'static str> {
    Some(match requested {
        "Application" => "Application",
        "Candidate" => "Candidate",
        "Job" => "Job",
        "Employee" => "Employee",
        "Talent_Project" => "Talent_Project",
        "Opening_Version" => "Opening",
        "Offer_Version" => "Offer",
        _ => return None,
    })
}

fn is_select(field_type: &str) -> bool {
    matches!(field_type, "ValueSelect" | "MultiValueSelect")
}

/// One option of a select field, as stored and as returned.
#[derive(Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct SelectableValue {
    label: String,
    value: String,
    #[serde(default)]
    is_archived: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FieldView {
    id: Uuid,
    is_private: bool,
    title: String,
    object_type: String,
    is_archived: bool,
    field_type: String,
    is_required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    selectable_values: Option<Vec<SelectableValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

fn options(m: &custom_field::Model) -> Vec<SelectableValue> {
    m.selectable_values
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

impl From<custom_field::Model> for FieldView {
    fn from(m: custom_field::Model) -> Self {
        FieldView {
            selectable_values: is_select(&m.field_type).then(|| options(&m)),
            id: m.id,
            is_private: m.is_private,
            title: m.title,
            object_type: m.object_type,
            is_archived: m.is_archived,
            field_type: m.field_type,
            is_required: m.is_required,
            description: m.description,
        }
    }
}

/// Options must have a label and a value, and values must be unique.
fn check_options(options: &[SelectableValue]) -> Result<(), ApiError> {
    let mut seen = HashSet::new();
    for option in options {
        if option.label.trim().is_empty() || option.value.trim().is_empty() {
            return Err(ApiError::invalid_input(
                "`selectableValues`: every option needs a non-empty label and value",
            ));
        }
        if !seen.insert(option.value.as_str()) {
            return Err(ApiError::invalid_input(format!(
                "`selectableValues`: the value `{}` appears twice",
                option.value
            )));
        }
    }
    Ok(())
}

fn to_json(options: &[SelectableValue]) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(options).map_err(ApiError::internal)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    field_type: String,
    object_type: String,
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    selectable_values: Option<Vec<SelectableValue>>,
    #[serde(default)]
    is_date_only_field: Flag,
    #[serde(default)]
    is_exposable_to_candidate: Flag,
}

/// `customField.create`
pub async fn create(ctx: Ctx, req: CreateRequest) -> Result<Reply, ApiError> {
    let title = text::required("title", &req.title)?;
    if !FIELD_TYPES.contains(&req.field_type.as_str()) {
        return Err(ApiError::invalid_input(format!(
            "`fieldType` must be one of {} (case-sensitive)",
            FIELD_TYPES.join(", ")
        )));
    }
    let object = object_type(&req.object_type).ok_or_else(|| {
        ApiError::invalid_input(
            "`objectType` must be one of Application, Candidate, Job, Employee, Talent_Project, Opening_Version, Offer_Version",
        )
    })?;
    let selectable = match (is_select(&req.field_type), req.selectable_values) {
        (true, Some(values)) if !values.is_empty() => {
            check_options(&values)?;
            Some(to_json(&values)?)
        }
        (true, _) => {
            return Err(ApiError::invalid_input(
                "`selectableValues` is required for ValueSelect and MultiValueSelect fields",
            ))
        }
        (false, Some(values)) if !values.is_empty() => {
            return Err(ApiError::invalid_input(
                "`selectableValues` applies only to ValueSelect and MultiValueSelect fields",
            ))
        }
        (false, _) => None,
    };
    if req.is_date_only_field.0 && req.field_type != "Date" {
        return Err(ApiError::invalid_input(
            "`isDateOnlyField` applies only to Date fields",
        ));
    }
    let write = ctx.state.store.write().await?;
    let now = Utc::now();
    let field = custom_field::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_at: Set(now),
        updated_at: Set(now),
        change_seq: Set(write.change),
        title: Set(title),
        description: Set(text::optional(req.description)),
        object_type: Set(object.into()),
        field_type: Set(req.field_type),
        is_private: Set(false),
        is_required: Set(false),
        is_archived: Set(false),
        is_date_only: Set(req.is_date_only_field.0),
        is_exposable_to_candidate: Set(req.is_exposable_to_candidate.0),
        selectable_values: Set(selectable),
    }
    .insert(&write.txn)
    .await?;
    write.commit().await?;
    Reply::object(FieldView::from(field))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoRequest {
    #[serde(alias = "id")]
    custom_field_id: Uuid,
}

/// `customField.info`
pub async fn info(ctx: Ctx, req: InfoRequest) -> Result<Reply, ApiError> {
    let field = Fields::find_by_id(req.custom_field_id)
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("custom_field", req.custom_field_id))?;
    Reply::object(FieldView::from(field))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRequest {
    #[serde(default)]
    include_archived: Flag,
    #[serde(flatten)]
    page: PageParams,
}

/// `customField.list`
pub async fn list(ctx: Ctx, req: ListRequest) -> Result<Reply, ApiError> {
    let mut select = Fields::find();
    if req.page.hides_archived(&ctx, req.include_archived.0) {
        select = select.filter(Column::IsArchived.eq(false));
    }
    let page = paging::list(&ctx, "customField.list", &req.page, select).await?;
    let items: Vec<FieldView> = page.rows.into_iter().map(Into::into).collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateValuesRequest {
    custom_field_id: Uuid,
    selectable_values: Vec<SelectableValue>,
}

/// Merges `changes` into `current` by `value`: a known value takes the new
/// label and archived flag, a new value is appended, unmentioned ones stay.
fn merge(mut current: Vec<SelectableValue>, changes: Vec<SelectableValue>) -> Vec<SelectableValue> {
    for change in changes {
        match current.iter_mut().find(|o| o.value == change.value) {
            Some(existing) => *existing = change,
            None => current.push(change),
        }
    }
    current
}

/// `customField.updateSelectableValues`
pub async fn update_selectable_values(
    ctx: Ctx,
    req: UpdateValuesRequest,
) -> Result<Reply, ApiError> {
    check_options(&req.selectable_values)?;
    let write = ctx.state.store.write().await?;
    let field = Fields::find_by_id(req.custom_field_id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("custom_field", req.custom_field_id))?;
    if !is_select(&field.field_type) {
        return Err(ApiError::invalid_input(format!(
            "`customFieldId`: the field is a {} field; only ValueSelect and MultiValueSelect fields have selectable values",
            field.field_type
        )));
    }
    let merged = merge(options(&field), req.selectable_values);
    let mut row = field.into_active_model();
    row.selectable_values = Set(Some(to_json(&merged)?));
    row.change_seq = Set(write.change);
    row.updated_at = Set(Utc::now());
    let saved = row.update(&write.txn).await?;
    write.commit().await?;
    Reply::object(FieldView::from(saved))
}
