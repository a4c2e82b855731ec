//! The form shape feedback, survey and referral forms share, and their queries.

use super::paging::{self, PageParams};
use super::{Ctx, Reply};
use crate::error::ApiError;
use crate::store::entities::form_definition::{self, Column, Entity as Forms, FormKind};
use crate::store::organization::organization_id;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// A form definition in Ashby's key order. Stored definitions are read back
/// through it because PostgreSQL's `jsonb` does not keep key order.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Definition {
    #[serde(default)]
    sections: Vec<Section>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description_html: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description_plain: Option<String>,
    #[serde(default)]
    fields: Vec<FieldEntry>,
}

fn yes() -> bool {
    true
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FieldEntry {
    #[serde(default = "yes")]
    is_required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description_html: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description_plain: Option<String>,
    field: Field,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Field {
    id: Uuid,
    #[serde(rename = "type")]
    kind: String,
    path: String,
    human_readable_path: String,
    title: String,
    #[serde(default = "yes")]
    is_nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selectable_values: Option<Vec<Choice>>,
}

#[derive(Serialize, Deserialize)]
struct Choice {
    label: String,
    value: String,
}

/// The stored definition in canonical order (as stored if it does not parse).
pub fn canonical(stored: Value) -> Value {
    serde_json::from_value::<Definition>(stored.clone())
        .ok()
        .and_then(|d| serde_json::to_value(d).ok())
        .unwrap_or(stored)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormView {
    id: Uuid,
    organization_id: Uuid,
    title: String,
    is_archived: bool,
    is_default_form: bool,
    form_definition: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    interview_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    survey_type: Option<String>,
}

impl FormView {
    fn new(organization_id: Uuid, m: form_definition::Model) -> Self {
        FormView {
            id: m.id,
            organization_id,
            title: m.title,
            is_archived: m.is_archived,
            is_default_form: m.is_default_form,
            form_definition: canonical(m.definition),
            interview_id: m.interview_id,
            survey_type: m.survey_type,
        }
    }
}

pub fn of_kind(kind: FormKind) -> Select<Forms> {
    Forms::find().filter(Column::Kind.eq(kind.as_str()))
}

/// One form of `kind` by id, or `<thing>_not_found`.
pub async fn info(ctx: &Ctx, kind: FormKind, thing: &str, id: Uuid) -> Result<Reply, ApiError> {
    let db = ctx.state.store.reader();
    let form = of_kind(kind)
        .filter(Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found(thing, id))?;
    Reply::object(FormView::new(organization_id(db).await?, form))
}

/// One page of the forms `select` picks, for `endpoint`.
pub async fn list(
    ctx: &Ctx,
    endpoint: &str,
    params: &PageParams,
    select: Select<Forms>,
) -> Result<Reply, ApiError> {
    let page = paging::list(ctx, endpoint, params, select).await?;
    let org = organization_id(ctx.state.store.reader()).await?;
    let items: Vec<FormView> = page
        .rows
        .into_iter()
        .map(|m| FormView::new(org, m))
        .collect();
    Reply::page(items, page.next_cursor, page.sync_token)
}

/// The organisation's default form of `kind`, if it has one.
pub async fn default_form(ctx: &Ctx, kind: FormKind) -> Result<Option<Reply>, ApiError> {
    let db = ctx.state.store.reader();
    let form = of_kind(kind)
        .filter(Column::IsDefaultForm.eq(true))
        .filter(Column::IsArchived.eq(false))
        .one(db)
        .await?;
    match form {
        Some(form) => Ok(Some(Reply::object(FormView::new(
            organization_id(db).await?,
            form,
        ))?)),
        None => Ok(None),
    }
}

/// The field paths of a stored definition, each with whether it must be answered.
pub fn field_paths(stored: &Value) -> Vec<(String, bool)> {
    serde_json::from_value::<Definition>(stored.clone())
        .map(|d| {
            d.sections
                .into_iter()
                .flat_map(|s| s.fields)
                .map(|f| (f.field.path, f.is_required))
                .collect()
        })
        .unwrap_or_default()
}

/// One answer as clients send it: `{path, value}`.
#[derive(Deserialize, Clone)]
pub struct FieldSubmission {
    pub path: String,
    #[serde(default)]
    pub value: Value,
}

/// Checks answers against a form definition and keys them by field path. Every
/// problem is named by its field (path and title) in one `invalid_input` message:
/// required fields left empty, unknown paths, and values that do not fit the type.
pub fn answers(definition: &Value, submissions: &[FieldSubmission]) -> Result<Value, ApiError> {
    let definition: Definition = serde_json::from_value(definition.clone())
        .map_err(|_| ApiError::internal("a stored form definition does not parse"))?;
    let fields: Vec<&FieldEntry> = definition
        .sections
        .iter()
        .flat_map(|s| s.fields.iter())
        .collect();
    let mut problems = Vec::new();
    let mut values = serde_json::Map::new();
    for sub in submissions {
        match fields.iter().find(|f| f.field.path == sub.path) {
            None => problems.push(format!("`{}` is not a field of this form", sub.path)),
            Some(f) => match check_value(&f.field, &sub.value) {
                Ok(()) => {
                    values.insert(sub.path.clone(), sub.value.clone());
                }
                Err(why) => problems.push(format!("`{}` ({}): {why}", f.field.path, f.field.title)),
            },
        }
    }
    for f in fields.iter().filter(|f| f.is_required) {
        if values.get(&f.field.path).is_none_or(is_empty) {
            problems.push(format!(
                "`{}` ({}) is required",
                f.field.path, f.field.title
            ));
        }
    }
    if problems.is_empty() {
        Ok(Value::Object(values))
    } else {
        Err(ApiError::invalid_input(format!(
            "The form has invalid fields: {}.",
            problems.join("; ")
        )))
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Whether a value fits a field's type (types Ashlar does not know pass as given).
fn check_value(field: &Field, value: &Value) -> Result<(), String> {
    if is_empty(value) {
        return Ok(());
    }
    let choices = || {
        field
            .selectable_values
            .iter()
            .flatten()
            .map(|c| c.value.as_str())
    };
    match (field.kind.as_str(), value) {
        ("Email", Value::String(s)) => {
            let (user, domain) = s.trim().split_once('@').unwrap_or_default();
            if user.is_empty() || !domain.contains('.') {
                return Err(format!("`{s}` is not an email address"));
            }
            Ok(())
        }
        ("Email", _) => Err("expected an email address".into()),
        ("Number", Value::Number(_)) => Ok(()),
        ("Number", Value::String(s)) if s.trim().parse::<f64>().is_ok() => Ok(()),
        ("Number", _) => Err("expected a number".into()),
        ("Boolean", Value::Bool(_)) => Ok(()),
        ("Boolean", Value::String(s)) if s == "true" || s == "false" => Ok(()),
        ("Boolean", _) => Err("expected true or false".into()),
        ("Score", v) => match v.get("score").and_then(Value::as_i64) {
            Some(1..=4) => Ok(()),
            _ => Err("expected {\"score\": 1..4}".into()),
        },
        ("ValueSelect", Value::String(s)) if choices().any(|c| c == s) => Ok(()),
        ("ValueSelect", _) => Err(format!(
            "expected one of {}",
            choices().collect::<Vec<_>>().join(", ")
        )),
        ("MultiValueSelect", Value::Array(items))
            if items
                .iter()
                .all(|i| i.as_str().is_some_and(|s| choices().any(|c| c == s))) =>
        {
            Ok(())
        }
        ("MultiValueSelect", _) => Err(format!(
            "expected a list of {}",
            choices().collect::<Vec<_>>().join(", ")
        )),
        ("String" | "LongText" | "Phone" | "Url" | "RichText", Value::String(_)) => Ok(()),
        ("String" | "LongText" | "Phone" | "Url" | "RichText", _) => Err("expected text".into()),
        _ => Ok(()),
    }
}
