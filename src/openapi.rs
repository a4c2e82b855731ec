//! Ashlar's own OpenAPI document, generated from the registry and served at
//! `/openapi.json`.

use crate::registry::{Endpoint, ENDPOINTS};
use serde_json::{json, Map, Value};

pub fn document() -> Value {
    let paths: Map<String, Value> = ENDPOINTS
        .iter()
        .map(|e| (format!("/{}", e.name), json!({ "post": operation(e) })))
        .collect();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Ashlar",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A self-hosted server for the Ashby public API. Every endpoint is POST with a JSON body and HTTP Basic authentication (the API key is the username).",
        },
        "security": [{ "BasicAuth": [] }],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "BasicAuth": { "type": "http", "scheme": "basic" }
            },
            "schemas": {
                "Success": {
                    "type": "object",
                    "required": ["success", "results"],
                    "properties": {
                        "success": { "const": true },
                        "results": {},
                        "moreDataAvailable": { "type": "boolean" },
                        "nextCursor": { "type": "string" },
                        "syncToken": { "type": "string" }
                    }
                },
                "Error": {
                    "type": "object",
                    "required": ["success", "errorInfo"],
                    "properties": {
                        "success": { "const": false },
                        "errors": { "type": "array", "items": { "type": "string" }, "deprecated": true },
                        "errorInfo": {
                            "type": "object",
                            "required": ["code"],
                            "properties": {
                                "code": { "type": "string" },
                                "message": { "type": "string" },
                                "requestId": { "type": "string" }
                            }
                        }
                    }
                }
            }
        }
    })
}

fn operation(e: &Endpoint) -> Value {
    let (category, method) = e.name.split_once('.').unwrap_or((e.name, ""));
    let permission = e.permission();
    let error = json!({ "$ref": "#/components/schemas/Error" });
    let error_body = json!({ "application/json": { "schema": error } });
    json!({
        "operationId": operation_id(category, method),
        "summary": e.name,
        "tags": [category],
        "description": format!("Requires the `{permission}` permission ({} module, {}).", e.module.label(), e.access.id()),
        "x-ashlar-permission": permission,
        "x-ashlar-implemented": e.is_implemented(),
        "requestBody": { "content": request_content(e) },
        "responses": {
            "200": {
                "description": "Success, or a logical failure with `success: false`",
                "content": { "application/json": { "schema": { "oneOf": [
                    { "$ref": "#/components/schemas/Success" }, error
                ] } } }
            },
            "401": { "description": "No API key was sent", "content": error_body.clone() },
            "403": { "description": "The key is unknown, deactivated, expired, or lacks the permission", "content": error_body }
        }
    })
}

/// JSON always; multipart too where the registry says the endpoint takes file parts.
fn request_content(e: &Endpoint) -> Value {
    let mut content = json!({ "application/json": { "schema": { "type": "object" } } });
    if e.uploads.is_some() {
        content["multipart/form-data"] = json!({ "schema": { "type": "object" } });
    }
    content
}

/// `candidate.list` → `candidateList`; `application.change_stage` keeps its shape.
fn operation_id(category: &str, method: &str) -> String {
    let mut id = category.to_string();
    let mut chars = method.chars();
    if let Some(first) = chars.next() {
        id.extend(first.to_uppercase());
        id.push_str(chars.as_str());
    }
    id.replace('.', "")
}
