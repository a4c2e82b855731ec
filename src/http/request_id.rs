//! Every request gets an id, ULID-shaped like Ashby's, echoed in `x-ashby-request-id`
//! and in `errorInfo.requestId`.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use rand::Rng;

pub const HEADER: &str = "x-ashby-request-id";

#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// 48 bits of milliseconds then 80 random bits, in Crockford base32: 26 characters
/// that sort by time.
pub fn new_ulid() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let millis = chrono::Utc::now().timestamp_millis() as u128 & ((1 << 48) - 1);
    let random: u128 = rand::thread_rng().gen::<u128>() & ((1 << 80) - 1);
    let mut n = (millis << 80) | random;
    let mut out = [0u8; 26];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n & 31) as usize];
        n >>= 5;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub async fn assign(mut request: Request, next: Next) -> Response {
    let id = new_ulid();
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(HEADER, value);
    }
    response
}
