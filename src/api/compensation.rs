//! Compensation tiers: what `job.updateCompensation` takes, how a job stores them
//! (JSON, ids included), and the summaries Ashby's job boards show
//! (`$150K – $200K • 0.25% – 1%`), computed when rendered.

use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

const COMPENSATION_TYPES: [&str; 5] = [
    "Salary",
    "EquityPercentage",
    "EquityCashValue",
    "Commission",
    "Bonus",
];

/// Ashby's pay intervals, shared with compensation-range custom fields.
pub const INTERVALS: [&str; 12] = [
    "NONE",
    "1 TIME",
    "1 HOUR",
    "1 DAY",
    "1 WEEK",
    "2 WEEK",
    "1 MONTH",
    "2 MONTH",
    "1 YEAR",
    "6 MONTH",
    "0.5 MONTH",
    "3 MONTH",
];

/// One tier as stored on the job and as clients send it (ids are ours to give).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    #[serde(default = "Uuid::now_v7")]
    pub id: Uuid,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub additional_information: Option<String>,
    pub components: Vec<Component>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    #[serde(default = "Uuid::now_v7")]
    pub id: Uuid,
    pub compensation_type: String,
    pub interval: String,
    #[serde(default)]
    pub currency_code: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
}

/// A tier on the wire: the stored tier plus its summaries.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierView {
    pub id: Uuid,
    pub title: Option<String>,
    pub additional_information: Option<String>,
    pub components: Vec<ComponentView>,
    pub tier_summary: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ComponentView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    pub compensation_type: String,
    pub interval: String,
    pub currency_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(serialize_with = "amount")]
    pub min_value: Option<f64>,
    #[serde(serialize_with = "amount")]
    pub max_value: Option<f64>,
    pub summary: String,
}

/// Whole amounts go out as integers (`150000`, not `150000.0`), as Ashby sends them.
fn amount<S: serde::Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// Checks tiers a client sent and gives them fresh ids.
pub fn validate(tiers: Vec<Tier>) -> Result<Vec<Tier>, ApiError> {
    let multi = tiers.len() > 1;
    tiers
        .into_iter()
        .enumerate()
        .map(|(i, mut tier)| {
            let at = format!("compensationTiers[{i}]");
            if multi && tier.title.as_deref().unwrap_or("").trim().is_empty() {
                return Err(ApiError::invalid_input(format!(
                    "`{at}.title` is required when a job has several compensation tiers."
                )));
            }
            if tier.components.is_empty() {
                return Err(ApiError::invalid_input(format!(
                    "`{at}.components` needs at least one component."
                )));
            }
            tier.id = Uuid::now_v7();
            for (j, component) in tier.components.iter_mut().enumerate() {
                check_component(component, &format!("{at}.components[{j}]"))?;
                component.id = Uuid::now_v7();
            }
            Ok(tier)
        })
        .collect()
}

fn check_component(c: &mut Component, at: &str) -> Result<(), ApiError> {
    if !COMPENSATION_TYPES.contains(&c.compensation_type.as_str()) {
        return Err(ApiError::invalid_input(format!(
            "`{at}.compensationType` must be one of {}.",
            COMPENSATION_TYPES.join(", ")
        )));
    }
    if !INTERVALS.contains(&c.interval.as_str()) {
        return Err(ApiError::invalid_input(format!(
            "`{at}.interval` must be one of {}.",
            INTERVALS.join(", ")
        )));
    }
    if c.compensation_type == "EquityPercentage" {
        c.currency_code = None;
    } else {
        let code = c
            .currency_code
            .as_deref()
            .unwrap_or("")
            .trim()
            .to_uppercase();
        if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
            return Err(ApiError::invalid_input(format!(
                "`{at}.currencyCode` must be an ISO 4217 code such as USD for {} components.",
                c.compensation_type
            )));
        }
        c.currency_code = Some(code);
    }
    for (name, value) in [("minValue", c.min_value), ("maxValue", c.max_value)] {
        if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err(ApiError::invalid_input(format!(
                "`{at}.{name}` must be a non-negative number or null."
            )));
        }
    }
    if let (Some(min), Some(max)) = (c.min_value, c.max_value) {
        if min > max {
            return Err(ApiError::invalid_input(format!(
                "`{at}.minValue` is larger than `{at}.maxValue`."
            )));
        }
    }
    Ok(())
}

/// The tiers stored on a job; a row written by this module always parses.
pub fn stored(json: &Value) -> Vec<Tier> {
    serde_json::from_value(json.clone()).unwrap_or_default()
}

pub fn to_json(tiers: &[Tier]) -> Value {
    serde_json::to_value(tiers).unwrap_or_else(|_| Value::Array(Vec::new()))
}

pub fn tier_views(tiers: &[Tier]) -> Vec<TierView> {
    tiers
        .iter()
        .map(|t| {
            let components: Vec<ComponentView> = t
                .components
                .iter()
                .map(|c| component_view(c, Some(c.id)))
                .collect();
            TierView {
                id: t.id,
                title: t.title.clone(),
                additional_information: t.additional_information.clone(),
                tier_summary: join_summaries(&components),
                components,
            }
        })
        .collect()
}

fn component_view(c: &Component, id: Option<Uuid>) -> ComponentView {
    ComponentView {
        id,
        compensation_type: c.compensation_type.clone(),
        interval: c.interval.clone(),
        currency_code: c.currency_code.clone(),
        label: c.label.clone(),
        min_value: c.min_value,
        max_value: c.max_value,
        summary: summary(c),
    }
}

fn join_summaries(components: &[ComponentView]) -> String {
    components
        .iter()
        .map(|c| c.summary.as_str())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" • ")
}

/// The widest range of each kind of component across all tiers (a posting's
/// `summaryComponents`), and the summary of all of them together.
pub fn summary_components(tiers: &[Tier]) -> (Vec<ComponentView>, Option<String>) {
    let mut widest: Vec<Component> = Vec::new();
    for c in tiers.iter().flat_map(|t| &t.components) {
        let same = widest.iter_mut().find(|w| {
            w.compensation_type == c.compensation_type
                && w.interval == c.interval
                && w.currency_code == c.currency_code
        });
        match same {
            Some(w) => {
                w.min_value = min_opt(w.min_value, c.min_value);
                w.max_value = max_opt(w.max_value, c.max_value);
            }
            None => widest.push(Component {
                label: None,
                ..c.clone()
            }),
        }
    }
    let views: Vec<ComponentView> = widest.iter().map(|c| component_view(c, None)).collect();
    let summary = join_summaries(&views);
    (views, (!summary.is_empty()).then_some(summary))
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// `$150K – $200K`, `0.25% – 1%`, `€40 – €55 per hour`; empty when no values are set.
pub fn summary(c: &Component) -> String {
    let format = |v: f64| match c.compensation_type.as_str() {
        "EquityPercentage" => format!("{}%", trim_number(v)),
        _ => money(v, c.currency_code.as_deref().unwrap_or("")),
    };
    let range = match (c.min_value, c.max_value) {
        (Some(min), Some(max)) if min == max => format(min),
        (Some(min), Some(max)) => format!("{} – {}", format(min), format(max)),
        (Some(min), None) => format!("{}+", format(min)),
        (None, Some(max)) => format!("up to {}", format(max)),
        (None, None) => return String::new(),
    };
    match per(&c.interval) {
        Some(unit) => format!("{range} per {unit}"),
        None => range,
    }
}

/// The unit named after a range; yearly and one-off amounts go without.
fn per(interval: &str) -> Option<&'static str> {
    match interval {
        "1 HOUR" => Some("hour"),
        "1 DAY" => Some("day"),
        "1 WEEK" => Some("week"),
        "2 WEEK" => Some("two weeks"),
        "1 MONTH" => Some("month"),
        "0.5 MONTH" => Some("half month"),
        "2 MONTH" => Some("two months"),
        "3 MONTH" => Some("quarter"),
        "6 MONTH" => Some("half year"),
        _ => None,
    }
}

fn money(v: f64, currency: &str) -> String {
    let symbol = match currency {
        "USD" => "$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "JPY" => "¥".to_string(),
        other => format!("{other} "),
    };
    let amount = if v >= 1_000_000.0 {
        format!("{}M", trim_number(v / 1_000_000.0))
    } else if v >= 1_000.0 {
        format!("{}K", trim_number(v / 1_000.0))
    } else {
        trim_number(v)
    };
    format!("{symbol}{amount}")
}

/// At most two decimals, without trailing zeros.
fn trim_number(v: f64) -> String {
    let s = format!("{:.2}", v);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(kind: &str, currency: Option<&str>, min: f64, max: f64) -> Component {
        Component {
            id: Uuid::nil(),
            compensation_type: kind.into(),
            interval: if kind == "EquityPercentage" {
                "NONE".into()
            } else {
                "1 YEAR".into()
            },
            currency_code: currency.map(Into::into),
            label: None,
            min_value: Some(min),
            max_value: Some(max),
        }
    }

    #[test]
    fn summaries_read_like_ashbys_job_boards() {
        let salary = component("Salary", Some("USD"), 150_000.0, 200_000.0);
        let equity = component("EquityPercentage", None, 0.25, 1.0);
        assert_eq!(summary(&salary), "$150K – $200K");
        assert_eq!(summary(&equity), "0.25% – 1%");
        let tiers = tier_views(&[Tier {
            id: Uuid::nil(),
            title: None,
            additional_information: None,
            components: vec![salary, equity],
        }]);
        assert_eq!(tiers[0].tier_summary, "$150K – $200K • 0.25% – 1%");
        let mut hourly = component("Salary", Some("EUR"), 40.0, 55.5);
        hourly.interval = "1 HOUR".into();
        assert_eq!(summary(&hourly), "€40 – €55.5 per hour");
    }
}
