//! Partial updates: a field left out keeps its value, an explicit `null` clears it.

use serde::{Deserialize, Deserializer};

/// `#[serde(default, deserialize_with = "patch::nullable")] field: Option<Option<T>>`:
/// `None` when absent, `Some(None)` for `null`, `Some(Some(v))` for a value.
pub fn nullable<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
