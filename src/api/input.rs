//! Lenient input types. Ashby coerces string-encoded booleans and numbers
//! (`"includeArchived": "true"`), and `createdAfter` arrives as an integer or a
//! float of epoch milliseconds; these types accept what real clients send.

use chrono::{DateTime, TimeZone, Utc};
use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_json::Value;

/// A boolean that also accepts `"true"`/`"false"` and `0`/`1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::Bool(b) => Ok(Flag(b)),
            Value::Null => Ok(Flag(false)),
            Value::String(s) if s.eq_ignore_ascii_case("true") || s == "1" => Ok(Flag(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") || s == "0" || s.is_empty() => {
                Ok(Flag(false))
            }
            Value::Number(n) if n.as_i64() == Some(1) => Ok(Flag(true)),
            Value::Number(n) if n.as_i64() == Some(0) => Ok(Flag(false)),
            other => Err(de::Error::custom(format!(
                "expected a boolean, got {other}"
            ))),
        }
    }
}

/// A non-negative whole number that also accepts its string form and whole floats.
fn whole_number(value: Value) -> Result<u64, String> {
    let number = match &value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match number {
        Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= 9.0e15 => Ok(n as u64),
        _ => Err(format!("expected a non-negative whole number, got {value}")),
    }
}

/// A page size: at most 100, and 100 when absent (Ashby caps silently).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit(pub u64);

pub const MAX_PAGE_SIZE: u64 = 100;

impl Default for Limit {
    fn default() -> Self {
        Limit(MAX_PAGE_SIZE)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        if value.is_null() {
            return Ok(Limit::default());
        }
        let n = whole_number(value).map_err(de::Error::custom)?;
        Ok(Limit(n.clamp(1, MAX_PAGE_SIZE)))
    }
}

/// Epoch milliseconds, sent as an integer, a float (`1485302400000.0`) or a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpochMillis(pub DateTime<Utc>);

impl<'de> Deserialize<'de> for EpochMillis {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let millis = whole_number(Value::deserialize(d)?).map_err(de::Error::custom)?;
        Utc.timestamp_millis_opt(millis as i64)
            .single()
            .map(EpochMillis)
            .ok_or_else(|| de::Error::custom("epoch milliseconds out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Probe {
        #[serde(default)]
        include_archived: Flag,
        #[serde(default)]
        limit: Limit,
        created_after: Option<EpochMillis>,
    }

    fn probe(v: Value) -> Result<Probe, String> {
        serde_json::from_value(v).map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_what_real_clients_send() {
        let p = probe(
            json!({"includeArchived": "true", "limit": "5", "createdAfter": 1485302400000.0_f64}),
        )
        .unwrap();
        assert!(p.include_archived.0);
        assert_eq!(p.limit, Limit(5));
        assert_eq!(p.created_after.unwrap().0.timestamp_millis(), 1485302400000);
        let p = probe(json!({"limit": 1000, "createdAfter": 1485302400000_i64})).unwrap();
        assert_eq!(p.limit, Limit(100));
        assert_eq!(probe(json!({})).unwrap().limit, Limit(100));
    }

    #[test]
    fn refuses_what_cannot_be_meant() {
        assert!(probe(json!({"includeArchived": "maybe"})).is_err());
        assert!(probe(json!({"limit": -1})).is_err());
        assert!(probe(json!({"limit": 2.5})).is_err());
        assert!(probe(json!({"createdAfter": "yesterday"})).is_err());
    }
}
