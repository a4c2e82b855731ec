//! A small browser stand-in for the admin web app's HTTP tests: a cookie jar, no
//! redirects followed, and helpers to read values back out of the pages.
#![allow(dead_code)]

use reqwest::header::{HeaderMap, COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use std::collections::BTreeMap;

pub const PASSWORD: &str = "correct horse battery";

/// Creates an admin account straight in the store.
pub async fn create_admin(store: &ashlar::store::Store, email: &str) {
    let hash = ashlar::admin::password::hash(PASSWORD.into())
        .await
        .expect("hash");
    store
        .insert_admin(email, &hash, chrono::Utc::now())
        .await
        .expect("insert admin")
        .expect("new email");
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub html: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the first `name="csrf"` hidden field.
    pub fn csrf(&self) -> String {
        attribute_after(&self.html, "name=\"csrf\"", "value").expect("page has a CSRF field")
    }

    /// The text inside the element with this id.
    pub fn text_of(&self, id: &str) -> Option<String> {
        let at = self.html.find(&format!("id=\"{id}\""))?;
        let start = at + self.html[at..].find('>')? + 1;
        let end = start + self.html[start..].find('<')?;
        Some(self.html[start..end].to_string())
    }

    /// The first key id linked from the page (`/admin/keys/<uuid>`).
    pub fn linked_key_id(&self) -> Option<uuid::Uuid> {
        self.html
            .match_indices("href=\"/admin/keys/")
            .filter_map(|(i, m)| self.html.get(i + m.len()..i + m.len() + 36))
            .find_map(|s| s.parse().ok())
    }
}

fn attribute_after(html: &str, marker: &str, attribute: &str) -> Option<String> {
    let at = html.find(marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let needle = format!("{attribute}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_string())
}

pub struct Browser {
    base: String,
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser {
            base: base.to_string(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            cookies: BTreeMap::new(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let request = self.client.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let request = self.client.post(format!("{}{path}", self.base)).form(form);
        self.send(request).await
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Page {
        let jar: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let request = if jar.is_empty() {
            request
        } else {
            request.header(COOKIE, jar.join("; "))
        };
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(SET_COOKIE) {
            let text = value.to_str().expect("cookie text");
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').expect("name=value");
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        let html = response.text().await.expect("body");
        Page {
            status,
            headers,
            html,
        }
    }

    /// Signs in through the form; returns the answer to the form post.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/admin/signin").await;
        let csrf = form.csrf();
        self.post(
            "/admin/signin",
            &[("csrf", &csrf), ("email", email), ("password", password)],
        )
        .await
    }

    /// Fills the "new key" form and submits it; returns the answer page.
    pub async fn create_key(&mut self, title: &str, fields: &[(&str, &str)]) -> Page {
        let form = self.get("/admin/keys/new").await;
        let csrf = form.csrf();
        let mut all = vec![
            ("csrf", csrf.as_str()),
            ("title", title),
            ("intent", "create"),
        ];
        all.extend_from_slice(fields);
        self.post("/admin/keys", &all).await
    }
}
