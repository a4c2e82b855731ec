//! The API key format: `ashlar_` + 32 random base62 characters (about 190 bits) +
//! a 6-character base62 CRC-32 checksum. The checksum lets the server tell a
//! mistyped key from an unknown one without a lookup, and the fixed prefix lets
//! secret scanners find leaked keys.

use rand::Rng;
use sha2::{Digest, Sha256};

pub const PREFIX: &str = "ashlar_";
const RANDOM_LEN: usize = 32;
const CHECKSUM_LEN: usize = 6;
pub const SECRET_LEN: usize = PREFIX.len() + RANDOM_LEN + CHECKSUM_LEN;
/// How much of a secret may be shown and logged: the prefix and 6 random characters.
const VISIBLE_LEN: usize = PREFIX.len() + 6;
const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Why a presented key fails the format check.
#[derive(Debug, PartialEq, Eq)]
pub enum FormatError {
    NotAnAshlarKey,
    BadChecksum,
}

pub fn generate() -> String {
    let mut rng = rand::thread_rng();
    let random: String = (0..RANDOM_LEN)
        .map(|_| BASE62[rng.gen_range(0..BASE62.len())] as char)
        .collect();
    let body = format!("{PREFIX}{random}");
    let checksum = checksum(&body);
    format!("{body}{checksum}")
}

pub fn check_format(secret: &str) -> Result<(), FormatError> {
    let well_formed = secret.len() == SECRET_LEN
        && secret.starts_with(PREFIX)
        && secret[PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric());
    if !well_formed {
        return Err(FormatError::NotAnAshlarKey);
    }
    let (body, sum) = secret.split_at(SECRET_LEN - CHECKSUM_LEN);
    if checksum(body) != sum {
        return Err(FormatError::BadChecksum);
    }
    Ok(())
}

/// The part of a secret that is safe to display.
pub fn visible_prefix(secret: &str) -> String {
    secret.chars().take(VISIBLE_LEN).collect()
}

/// What is stored: SHA-256, hex. Keys carry enough entropy that a slow hash adds nothing.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn checksum(body: &str) -> String {
    let mut n = crc32fast::hash(body.as_bytes()) as u64;
    let mut out = [b'0'; CHECKSUM_LEN];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_pass_their_own_check() {
        for _ in 0..100 {
            let key = generate();
            assert_eq!(key.len(), SECRET_LEN);
            assert_eq!(check_format(&key), Ok(()));
        }
    }

    #[test]
    fn a_single_typo_fails_the_checksum() {
        let key = generate();
        let mut chars: Vec<char> = key.chars().collect();
        let i = PREFIX.len() + 3;
        chars[i] = if chars[i] == 'a' { 'b' } else { 'a' };
        let typo: String = chars.into_iter().collect();
        assert_eq!(check_format(&typo), Err(FormatError::BadChecksum));
        assert_eq!(check_format("hello"), Err(FormatError::NotAnAshlarKey));
        assert_eq!(
            check_format(&key[..key.len() - 1]),
            Err(FormatError::NotAnAshlarKey)
        );
    }

    #[test]
    fn the_visible_prefix_reveals_little() {
        let key = generate();
        assert_eq!(visible_prefix(&key).len(), PREFIX.len() + 6);
        assert!(key.starts_with(&visible_prefix(&key)));
        assert_ne!(hash(&key), key);
    }
}
