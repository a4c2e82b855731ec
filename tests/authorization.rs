//! The authorization matrix, generated from the registry: every endpoint against a
//! key with no grant, a key with every other module's grants, a read grant and a
//! write grant on its module. Write does not imply read.

mod common;

use ashlar::auth::permissions::{Access, Module};
use ashlar::error::REQUIRED_PERMISSION_HEADER;
use ashlar::registry::ENDPOINTS;
use common::TestServer;
use serde_json::json;
use std::collections::HashMap;

#[tokio::test]
async fn every_endpoint_answers_each_grant_as_the_registry_says() {
    let server = TestServer::start().await;
    let nothing = server.key(&[]).await;
    let mut read = HashMap::new();
    let mut write = HashMap::new();
    let mut others = HashMap::new();
    for module in Module::ALL {
        read.insert(
            module,
            server.key(&[&format!("{}:read", module.id())]).await,
        );
        write.insert(
            module,
            server.key(&[&format!("{}:write", module.id())]).await,
        );
        let rest: Vec<String> = Module::ALL
            .iter()
            .filter(|m| **m != module)
            .flat_map(|m| [format!("{}:read", m.id()), format!("{}:write", m.id())])
            .collect();
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        others.insert(module, server.key(&rest).await);
    }

    let mut checked = 0;
    for endpoint in ENDPOINTS {
        let cases = [
            ("no grant", &nothing, false),
            ("other modules", &others[&endpoint.module], false),
            (
                "read",
                &read[&endpoint.module],
                endpoint.access == Access::Read,
            ),
            (
                "write",
                &write[&endpoint.module],
                endpoint.access == Access::Write,
            ),
        ];
        for (label, key, passes) in cases {
            let response = server.call(key, endpoint.name, json!({})).await;
            if passes {
                assert_ne!(
                    response.status, 403,
                    "{} with {label}: {}",
                    endpoint.name, response.body
                );
                assert_ne!(response.status, 401, "{} with {label}", endpoint.name);
                assert_ne!(response.code(), "missing_endpoint_permission");
            } else {
                assert_eq!(
                    response.status, 403,
                    "{} with {label}: {}",
                    endpoint.name, response.body
                );
                assert_eq!(
                    response.code(),
                    "missing_endpoint_permission",
                    "{} with {label}",
                    endpoint.name
                );
                let permission = endpoint.permission();
                let message = response.body["errorInfo"]["message"].as_str().unwrap();
                assert!(
                    message.contains(&permission),
                    "{message} names {permission}"
                );
                assert_eq!(
                    response.headers[REQUIRED_PERMISSION_HEADER],
                    permission.as_str()
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, ENDPOINTS.len() * 4);
}

#[tokio::test]
async fn an_unimplemented_endpoint_passes_the_gate_then_says_so() {
    let server = TestServer::start().await;
    let key = server.admin_key().await;
    for endpoint in ENDPOINTS.iter().filter(|e| !e.is_implemented()) {
        let response = server.call(&key, endpoint.name, json!({})).await;
        assert_eq!(response.status, 200);
        assert_eq!(
            response.code(),
            "endpoint_not_implemented",
            "{}",
            endpoint.name
        );
    }
}
