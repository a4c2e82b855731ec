//! Authentication and authorization: who is calling, and may they call this.

pub mod keys;
pub mod permissions;
pub mod secret;

use crate::store::api_keys::KeyRecord;
use permissions::{Access, Grant, Module};

/// The caller of an API request. Every handler and every store query that can see
/// confidential or private data receives it, so no filter can be forgotten.
#[derive(Clone, Debug)]
pub struct Caller {
    pub key: std::sync::Arc<KeyRecord>,
}

impl Caller {
    pub fn has(&self, module: Module, access: Access) -> bool {
        self.key.grants.contains(&Grant { module, access })
    }

    /// May see confidential jobs and projects, and what hangs on them.
    pub fn sees_confidential(&self) -> bool {
        self.key.allow_confidential
    }

    /// May read and write private notes, emails and custom fields.
    pub fn sees_private_fields(&self) -> bool {
        self.key.allow_private_fields
    }
}
