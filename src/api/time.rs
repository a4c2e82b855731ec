//! Times on the wire: ISO-8601 in UTC with milliseconds, like `2024-02-04T21:38:12.442Z`.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serializer;

pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `#[serde(serialize_with = "time::serialize")]` for `DateTime<Utc>` fields.
pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&iso(*at))
}

/// The same for optional times; pair with `skip_serializing_if` or let it emit null.
pub fn serialize_opt<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => s.serialize_str(&iso(*at)),
        None => s.serialize_none(),
    }
}
