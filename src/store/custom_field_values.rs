//! Custom field values on candidates, jobs and openings, loaded a page at a time.

use super::entities::{custom_field, custom_field_value};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

/// A stored custom field value with its definition.
#[derive(Clone, Debug)]
pub struct FieldValue {
    pub field: custom_field::Model,
    pub value: serde_json::Value,
}

/// The custom field values of these objects, by object, in field-title order.
/// Values of private fields are left out unless `with_private`.
pub async fn values_of<C: ConnectionTrait>(
    db: &C,
    object_ids: &[Uuid],
    with_private: bool,
) -> Result<HashMap<Uuid, Vec<FieldValue>>, DbErr> {
    let mut by_object: HashMap<Uuid, Vec<FieldValue>> = HashMap::new();
    if object_ids.is_empty() {
        return Ok(by_object);
    }
    let values = custom_field_value::Entity::find()
        .filter(custom_field_value::Column::ObjectId.is_in(object_ids.iter().copied()))
        .all(db)
        .await?;
    if values.is_empty() {
        return Ok(by_object);
    }
    let mut fields = custom_field::Entity::find()
        .filter(custom_field::Column::Id.is_in(values.iter().map(|v| v.custom_field_id)));
    if !with_private {
        fields = fields.filter(custom_field::Column::IsPrivate.eq(false));
    }
    let fields: HashMap<Uuid, custom_field::Model> = fields
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    for value in values {
        if let Some(field) = fields.get(&value.custom_field_id) {
            by_object
                .entry(value.object_id)
                .or_default()
                .push(FieldValue {
                    field: field.clone(),
                    value: value.value,
                });
        }
    }
    for list in by_object.values_mut() {
        list.sort_by(|a, b| (&a.field.title, a.field.id).cmp(&(&b.field.title, b.field.id)));
    }
    Ok(by_object)
}
