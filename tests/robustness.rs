//! No input may produce a 5xx or a panic. Every implemented endpoint gets bodies
//! built from the property names of its request in Ashby's spec (when the spec is
//! beside the clone), filled with values of every wrong type, and must answer in
//! the envelope with a status below 500.

mod common;

use ashlar::registry::ENDPOINTS;
use common::TestServer;
use serde_json::{json, Map, Value};

const BODIES_PER_ENDPOINT: usize = 25;

/// Follows `$ref` pointers (JSON pointers into the whole document).
fn resolve<'a>(spec: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(pointer) = node.get("$ref").and_then(Value::as_str) else {
            return node;
        };
        match spec.pointer(pointer.trim_start_matches('#')) {
            Some(target) => node = target,
            None => return node,
        }
    }
    node
}

/// Top-level property names of a request schema, through allOf/oneOf/anyOf.
fn property_names(spec: &Value, schema: &Value, out: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        out.extend(props.keys().cloned());
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            property_names(spec, part, out);
        }
    }
}

fn request_fields(spec: Option<&Value>, endpoint: &str) -> Vec<String> {
    let mut names = vec![
        "id".to_string(),
        "cursor".into(),
        "syncToken".into(),
        "limit".into(),
    ];
    if let Some(spec) = spec {
        let pointer =
            format!("/paths/~1{endpoint}/post/requestBody/content/application~1json/schema");
        if let Some(schema) = spec.pointer(&pointer) {
            property_names(spec, schema, &mut names);
        }
    }
    names.sort();
    names.dedup();
    names
}

/// A small deterministic generator, so a failure names a reproducible body.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize].clone()
    }
}

fn hostile_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!("true"),
        json!(0),
        json!(-1),
        json!(1e300),
        json!(9007199254740993_i64),
        json!(""),
        json!("not-a-uuid"),
        json!("00000000-0000-0000-0000-000000000000"),
        json!(uuid::Uuid::new_v4().to_string()),
        json!("x".repeat(5000)),
        json!("2024-02-30T25:61:00Z"),
        json!("<script>alert(1)</script>' OR 1=1 --"),
        json!([]),
        json!([null, 1, "a"]),
        json!({}),
        json!({"nested": {"deeper": [1, {"x": null}]}}),
    ]
}

#[tokio::test]
async fn no_body_makes_any_implemented_endpoint_fail_on_the_server() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/ashby/openapi.json");
    let spec: Option<Value> = std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    if spec.is_none() {
        eprintln!("SKIPPED (partly): {path} is absent; bodies use only the common field names");
    }
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    let values = hostile_values();
    let mut rng = Rng(0x9e3779b97f4a7c15);
    let mut sent = 0;
    for endpoint in ENDPOINTS.iter().filter(|e| e.is_implemented()) {
        let fields = request_fields(spec.as_ref(), endpoint.name);
        for _ in 0..BODIES_PER_ENDPOINT {
            let mut body = Map::new();
            for field in &fields {
                if rng.next().is_multiple_of(2) {
                    body.insert(field.clone(), rng.pick(&values));
                }
            }
            let body = Value::Object(body);
            let response = server.call(&key, endpoint.name, body.clone()).await;
            assert!(
                response.status.as_u16() < 500,
                "{} answered {} to {body}: {}",
                endpoint.name,
                response.status,
                response.body
            );
            let success = response.body["success"].as_bool();
            assert!(
                success.is_some(),
                "{} answered outside the envelope: {}",
                endpoint.name,
                response.body
            );
            if success == Some(false) {
                assert!(
                    !response.code().is_empty(),
                    "{}: {}",
                    endpoint.name,
                    response.body
                );
            }
            sent += 1;
        }
    }
    assert!(
        sent >= BODIES_PER_ENDPOINT,
        "at least one endpoint was exercised"
    );
}
