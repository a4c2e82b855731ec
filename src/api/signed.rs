//! Opaque values the server hands out and must recognise again (cursors, sync
//! tokens, file URLs): JSON, base64url, and an HMAC so a forged or edited value is
//! refused rather than trusted.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::Sha256;
use std::sync::Arc;

const MAC_LEN: usize = 16;

#[derive(Clone)]
pub struct Signer {
    secret: Arc<Vec<u8>>,
}

impl Signer {
    pub fn new(secret: Vec<u8>) -> Self {
        Signer {
            secret: Arc::new(secret),
        }
    }

    fn mac(&self, purpose: &str, payload: &[u8]) -> Vec<u8> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(payload);
        mac.finalize().into_bytes()[..MAC_LEN].to_vec()
    }

    /// Seals `value` for one purpose (a value sealed as a cursor is no sync token).
    pub fn seal<T: Serialize>(&self, purpose: &str, value: &T) -> String {
        let payload = serde_json::to_vec(value).expect("sealed values serialize");
        let mac = self.mac(purpose, &payload);
        format!("{}.{}", B64.encode(payload), B64.encode(mac))
    }

    /// Opens a sealed value; `None` when it was not sealed here for this purpose.
    pub fn open<T: DeserializeOwned>(&self, purpose: &str, sealed: &str) -> Option<T> {
        let (payload, mac) = sealed.split_once('.')?;
        let payload = B64.decode(payload).ok()?;
        let mac = B64.decode(mac).ok()?;
        let expected = self.mac(purpose, &payload);
        if !constant_time_eq(&mac, &expected) {
            return None;
        }
        serde_json::from_slice(&payload).ok()
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sealed_values_round_trip_and_resist_edits(n in any::<i64>(), s in ".*", flip in 0usize..64) {
            let signer = Signer::new(b"test secret".to_vec());
            let sealed = signer.seal("cursor", &(n, s.clone()));
            prop_assert_eq!(signer.open::<(i64, String)>("cursor", &sealed), Some((n, s.clone())));
            prop_assert_eq!(signer.open::<(i64, String)>("syncToken", &sealed), None);
            let mut bytes = sealed.into_bytes();
            let i = flip % bytes.len();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let edited = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(signer.open::<(i64, String)>("cursor", &edited), None);
        }
    }
}
