//! Tags, project memberships and custom field values on some demo candidates, so
//! candidate responses and `candidate.listProjects` have something to show.

use crate::store::entities::{
    candidate_project, candidate_tag, candidate_tag_link, custom_field, custom_field_value, project,
};
use crate::store::WriteTxn;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{json, Value};
use uuid::Uuid;

/// Spreads the organisation's tags, projects and candidate fields over `candidates`
/// by position, so every load gives the same picture. Answers the summary line.
pub async fn load(
    write: &WriteTxn,
    candidates: &[Uuid],
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let tags = candidate_tag::Entity::find()
        .filter(candidate_tag::Column::IsArchived.eq(false))
        .order_by_asc(candidate_tag::Column::TitleLower)
        .all(&write.txn)
        .await?;
    let projects = project::Entity::find()
        .filter(project::Column::IsArchived.eq(false))
        .order_by_asc(project::Column::Title)
        .all(&write.txn)
        .await?;
    let fields = custom_field::Entity::find()
        .filter(custom_field::Column::ObjectType.eq("Candidate"))
        .filter(custom_field::Column::IsArchived.eq(false))
        .order_by_asc(custom_field::Column::Title)
        .all(&write.txn)
        .await?;

    let mut tag_links = Vec::new();
    let mut memberships = Vec::new();
    let mut values = Vec::new();
    for (i, &candidate_id) in candidates.iter().enumerate() {
        if !tags.is_empty() && i % 3 == 0 {
            let picks = if i % 5 == 0 { 2 } else { 1 };
            for k in 0..picks.min(tags.len()) {
                tag_links.push(candidate_tag_link::ActiveModel {
                    candidate_id: Set(candidate_id),
                    tag_id: Set(tags[(i / 3 + k) % tags.len()].id),
                });
            }
        }
        if !projects.is_empty() && i % 7 == 0 {
            memberships.push(candidate_project::ActiveModel {
                candidate_id: Set(candidate_id),
                project_id: Set(projects[(i / 7) % projects.len()].id),
            });
        }
        for field in &fields {
            let Some(value) = sample_value(field, i) else {
                continue;
            };
            values.push(custom_field_value::ActiveModel {
                id: Set(Uuid::now_v7()),
                created_at: Set(now),
                updated_at: Set(now),
                change_seq: Set(write.change),
                custom_field_id: Set(field.id),
                object_type: Set("Candidate".into()),
                object_id: Set(candidate_id),
                value: Set(value),
            });
        }
    }
    let summary = format!(
        "{} tags on candidates, {} project memberships, {} custom field values",
        tag_links.len(),
        memberships.len(),
        values.len()
    );
    // Batches keep each statement well under the engines' bind-parameter limits.
    for chunk in tag_links.chunks(500) {
        candidate_tag_link::Entity::insert_many(chunk.to_vec())
            .exec(&write.txn)
            .await?;
    }
    for chunk in memberships.chunks(500) {
        candidate_project::Entity::insert_many(chunk.to_vec())
            .exec(&write.txn)
            .await?;
    }
    for chunk in values.chunks(200) {
        custom_field_value::Entity::insert_many(chunk.to_vec())
            .exec(&write.txn)
            .await?;
    }
    Ok(summary)
}

/// A plausible value of `field` for the candidate at position `i`, or none for
/// about a third of them.
fn sample_value(field: &custom_field::Model, i: usize) -> Option<Value> {
    if i % 3 == 2 {
        return None;
    }
    match field.field_type.as_str() {
        "Number" => Some(json!(i % 15)),
        "Boolean" => Some(json!(i.is_multiple_of(2))),
        "ValueSelect" => {
            let options = field.selectable_values.as_ref()?.as_array()?;
            let option = options.get(i % options.len().max(1))?;
            Some(option.get("value")?.clone())
        }
        _ => None,
    }
}
