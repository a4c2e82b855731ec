//! `customField.setValue` / `setValues`: values of custom fields on candidates, jobs
//! and openings, checked against the field's type, and their wire shape.

use super::options;
use crate::api::archiving::refuse_if_archived;
use crate::api::candidate::require_private_fields;
use crate::api::compensation::INTERVALS;
use crate::api::{job, opening, time, Ctx, Reply};
use crate::auth::Caller;
use crate::error::ApiError;
use crate::store::custom_field_values::{values_of, FieldValue};
use crate::store::entities::{application, candidate, custom_field, custom_field_value};
use crate::store::WriteTxn;
use crate::store::{applications, candidates};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Number, Value};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// One entry of a `customFields` array (objects.md §2.5).
#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct ValueView {
    id: Uuid,
    is_private: bool,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_label: Option<Value>,
    value: Value,
}

/// Shapes a stored value; select fields also carry the labels of their values.
pub fn view(stored: &FieldValue) -> ValueView {
    let field = &stored.field;
    let label_of = |v: &Value| {
        let label = options(field)
            .into_iter()
            .find(|o| Some(o.value.as_str()) == v.as_str())
            .map(|o| o.label);
        Value::from(label.or_else(|| v.as_str().map(String::from)))
    };
    let value_label = match field.field_type.as_str() {
        "ValueSelect" => Some(label_of(&stored.value)),
        "MultiValueSelect" => stored
            .value
            .as_array()
            .map(|vs| Value::Array(vs.iter().map(label_of).collect())),
        _ => None,
    };
    ValueView {
        id: field.id,
        is_private: field.is_private,
        title: field.title.clone(),
        value_label,
        value: in_wire_order(&stored.value),
    }
}

/// Object values (currency, ranges) with their keys in one order on both engines
/// (PostgreSQL's jsonb reorders them).
fn in_wire_order(value: &Value) -> Value {
    const KEYS: [&str; 6] = [
        "type",
        "value",
        "minValue",
        "maxValue",
        "currencyCode",
        "interval",
    ];
    match value {
        Value::Object(map) => Value::Object(
            KEYS.iter()
                .filter_map(|k| map.get(*k).map(|v| (k.to_string(), v.clone())))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The `customFields` arrays of these objects as `caller` may see them (private
/// fields only with the flag), by object: two queries for any number of objects.
pub async fn views_of<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    object_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<ValueView>>, DbErr> {
    Ok(values_of(db, object_ids, caller.sees_private_fields())
        .await?
        .into_iter()
        .map(|(id, values)| (id, values.iter().map(view).collect()))
        .collect())
}

/// The kinds of object a value can be set on: each has a name and a `touch` arm.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Application,
    Candidate,
    Job,
    Opening,
}

impl Target {
    fn parse(name: &str) -> Result<Target, ApiError> {
        match name {
            "Application" => Ok(Target::Application),
            "Candidate" => Ok(Target::Candidate),
            "Job" => Ok(Target::Job),
            "Opening" => Ok(Target::Opening),
            other => Err(ApiError::invalid_input(format!(
                "`objectType`: expected Application, Candidate, Job or Opening, got `{other}`"
            ))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Target::Application => "Application",
            Target::Candidate => "Candidate",
            Target::Job => "Job",
            Target::Opening => "Opening",
        }
    }

    /// Checks the object exists and the caller may see it, and marks it changed so
    /// incremental syncs of it see the new values.
    async fn touch(
        self,
        write: &WriteTxn,
        caller: &Caller,
        id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        match self {
            Target::Application => {
                let found = applications::find_visible(&write.txn, caller, id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("application", id))?;
                let mut row: application::ActiveModel = found.into_active_model();
                row.updated_at = Set(now);
                row.change_seq = Set(write.change);
                row.update(&write.txn).await?;
            }
            Target::Candidate => {
                let found = candidates::find_visible(&write.txn, caller, id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("candidate", id))?;
                let mut row: candidate::ActiveModel = found.into_active_model();
                row.updated_at = Set(now);
                row.change_seq = Set(write.change);
                row.update(&write.txn).await?;
            }
            Target::Job => {
                let mut row = job::visible(&write.txn, caller, id)
                    .await?
                    .into_active_model();
                row.updated_at = Set(now);
                row.change_seq = Set(write.change);
                row.update(&write.txn).await?;
            }
            Target::Opening => {
                let mut row = opening::find(&write.txn, id).await?.into_active_model();
                row.updated_at = Set(now);
                row.change_seq = Set(write.change);
                row.update(&write.txn).await?;
            }
        }
        Ok(())
    }
}

/// A number as sent (integers stay integers), also from a numeric string.
fn number(v: &Value) -> Option<Number> {
    match v {
        Value::Number(n) => Some(n.clone()),
        Value::String(s) => s.trim().parse::<f64>().ok().and_then(Number::from_f64),
        _ => None,
    }
}

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

/// The value as stored and returned, or why it does not fit the field.
fn checked(field: &custom_field::Model, raw: &Value) -> Result<Value, ApiError> {
    let bad = |expected: &str| {
        ApiError::invalid_input(format!(
            "`fieldValue`: the field `{}` is a {} field and takes {expected}",
            field.title, field.field_type
        ))
    };
    let allowed = || -> HashSet<String> {
        options(field)
            .into_iter()
            .filter(|o| !o.is_archived)
            .map(|o| o.value)
            .collect()
    };
    let value = match field.field_type.as_str() {
        "Boolean" => match raw {
            Value::Bool(b) => json!(b),
            Value::String(s) if s == "true" || s == "false" => json!(s == "true"),
            _ => return Err(bad("true or false")),
        },
        "Number" => json!(number(raw).ok_or_else(|| bad("a number"))?),
        "String" | "LongText" | "Email" | "Phone" => {
            json!(text(raw).ok_or_else(|| bad("a string"))?)
        }
        "Url" => {
            let url = text(raw)
                .filter(|u| url::Url::parse(u).is_ok_and(|u| u.has_host()))
                .ok_or_else(|| bad("an absolute URL"))?;
            json!(url)
        }
        "UUID" => {
            let id = text(raw)
                .and_then(|s| Uuid::parse_str(s).ok())
                .ok_or_else(|| bad("a UUID"))?;
            json!(id)
        }
        "Date" => {
            let s = text(raw).ok_or_else(|| bad("a date"))?;
            let at = DateTime::parse_from_rfc3339(s)
                .map(|d| d.with_timezone(&Utc))
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map(|d| d.and_utc())
                })
                .ok_or_else(|| bad("a date (2024-02-04 or an ISO 8601 time)"))?;
            json!(time::iso(at))
        }
        "ValueSelect" => {
            let choice = text(raw).ok_or_else(|| bad("one of its selectable values"))?;
            if !allowed().contains(choice) {
                return Err(bad("one of its selectable values"));
            }
            json!(choice)
        }
        "MultiValueSelect" => {
            let allowed = allowed();
            let choices: Vec<&str> = raw
                .as_array()
                .and_then(|vs| vs.iter().map(text).collect::<Option<Vec<_>>>())
                .filter(|vs| vs.iter().all(|v| allowed.contains(*v)))
                .ok_or_else(|| bad("an array of its selectable values"))?;
            json!(choices)
        }
        "Currency" => {
            let amount = number(&raw["value"]);
            let code = text(&raw["currencyCode"]).filter(|c| !c.trim().is_empty());
            match (amount, code) {
                (Some(value), Some(code)) => json!({"value": value, "currencyCode": code}),
                _ => return Err(bad("{value, currencyCode}")),
            }
        }
        "NumberRange" | "CompensationRange" => range(field, raw).ok_or_else(|| {
            bad(if field.field_type == "NumberRange" {
                "{minValue, maxValue} with minValue <= maxValue"
            } else {
                "{minValue, maxValue, currencyCode, interval} with minValue <= maxValue"
            })
        })?,
        _ => return Err(bad("no value this server can check")),
    };
    Ok(value)
}

fn range(field: &custom_field::Model, raw: &Value) -> Option<Value> {
    let (min, max) = (number(&raw["minValue"])?, number(&raw["maxValue"])?);
    if min.as_f64()? > max.as_f64()? {
        return None;
    }
    if field.field_type == "NumberRange" {
        return Some(json!({"type": "NumberRange", "minValue": min, "maxValue": max}));
    }
    let code = text(&raw["currencyCode"]).filter(|c| !c.trim().is_empty())?;
    let interval = text(&raw["interval"]).filter(|i| INTERVALS.contains(i))?;
    Some(json!({
        "type": "CompensationRange", "minValue": min, "maxValue": max,
        "currencyCode": code, "interval": interval
    }))
}

/// One field's new value on the object; `null` clears it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldUpdate {
    field_id: Uuid,
    field_value: Value,
}

/// Loads and checks a field for a write on `target`, then writes its value.
async fn write_value(
    write: &WriteTxn,
    caller: &Caller,
    target: Target,
    object_id: Uuid,
    update: &FieldUpdate,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let field = custom_field::Entity::find_by_id(update.field_id)
        .one(&write.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("custom_field", update.field_id))?;
    if field.is_private {
        require_private_fields(caller, "custom fields")?;
    }
    refuse_if_archived("custom_field", field.id, field.is_archived)?;
    if field.object_type != target.name() {
        return Err(ApiError::invalid_input(format!(
            "`fieldId`: the field `{}` belongs to {} objects, not {}",
            field.title,
            field.object_type,
            target.name()
        )));
    }
    let existing = custom_field_value::Entity::find()
        .filter(custom_field_value::Column::CustomFieldId.eq(field.id))
        .filter(custom_field_value::Column::ObjectId.eq(object_id))
        .one(&write.txn)
        .await?;
    if update.field_value.is_null() {
        if let Some(row) = existing {
            custom_field_value::Entity::delete_by_id(row.id)
                .exec(&write.txn)
                .await?;
        }
        return Ok(());
    }
    let value = checked(&field, &update.field_value)?;
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.value = Set(value);
            row.updated_at = Set(now);
            row.change_seq = Set(write.change);
            row.update(&write.txn).await?;
        }
        None => {
            custom_field_value::ActiveModel {
                id: Set(Uuid::now_v7()),
                created_at: Set(now),
                updated_at: Set(now),
                change_seq: Set(write.change),
                custom_field_id: Set(field.id),
                object_type: Set(target.name().into()),
                object_id: Set(object_id),
                value: Set(value),
            }
            .insert(&write.txn)
            .await?;
        }
    }
    Ok(())
}

/// Writes all updates in one transaction (all or nothing) and answers the values
/// of the fields written, as the object now carries them.
async fn set_all(
    ctx: &Ctx,
    object_type: &str,
    object_id: Uuid,
    updates: &[FieldUpdate],
) -> Result<Vec<ValueView>, ApiError> {
    let target = Target::parse(object_type)?;
    let now = Utc::now();
    let write = ctx.state.store.write().await?;
    target.touch(&write, &ctx.caller, object_id, now).await?;
    for update in updates {
        write_value(&write, &ctx.caller, target, object_id, update, now).await?;
    }
    write.commit().await?;
    let written: HashSet<Uuid> = updates.iter().map(|u| u.field_id).collect();
    let stored = values_of(ctx.state.store.reader(), &[object_id], true)
        .await?
        .remove(&object_id)
        .unwrap_or_default();
    Ok(stored
        .iter()
        .filter(|v| written.contains(&v.field.id))
        .map(view)
        .collect())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetValueRequest {
    object_id: Uuid,
    object_type: String,
    #[serde(flatten)]
    update: FieldUpdate,
}

/// `customField.setValue`: answers the field's value entry (`null` value once cleared).
pub async fn set_value(ctx: Ctx, req: SetValueRequest) -> Result<Reply, ApiError> {
    let written = set_all(
        &ctx,
        &req.object_type,
        req.object_id,
        std::slice::from_ref(&req.update),
    )
    .await?;
    match written.into_iter().next() {
        Some(view) => Reply::object(view),
        None => cleared(&ctx, req.update.field_id).await,
    }
}

/// The entry of a field whose value was just cleared.
async fn cleared(ctx: &Ctx, field_id: Uuid) -> Result<Reply, ApiError> {
    let field = custom_field::Entity::find_by_id(field_id)
        .one(ctx.state.store.reader())
        .await?
        .ok_or_else(|| ApiError::not_found("custom_field", field_id))?;
    Reply::object(view(&FieldValue {
        field,
        value: Value::Null,
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetValuesRequest {
    object_id: Uuid,
    object_type: String,
    values: Vec<FieldUpdate>,
}

/// `customField.setValues`: every value or none.
pub async fn set_values(ctx: Ctx, req: SetValuesRequest) -> Result<Reply, ApiError> {
    if req.values.is_empty() {
        return Err(ApiError::invalid_input("`values` may not be empty"));
    }
    let mut seen = HashSet::new();
    if let Some(twice) = req.values.iter().find(|u| !seen.insert(u.field_id)) {
        return Err(ApiError::invalid_input(format!(
            "`values`: the field {} appears twice",
            twice.field_id
        )));
    }
    let written = set_all(&ctx, &req.object_type, req.object_id, &req.values).await?;
    Reply::object(written)
}
