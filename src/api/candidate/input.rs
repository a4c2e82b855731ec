//! What candidate.create and candidate.update accept: contact details, links and
//! locations in the shapes (and aliases) real clients send, validated into one edit.

use crate::error::ApiError;
use crate::store::candidates::Contact;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use uuid::Uuid;

/// An email or phone: a bare string, or `{value, type}` as some clients echo the
/// response shape back.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum ContactInput {
    Text(String),
    Shaped {
        value: String,
        #[serde(rename = "type", default)]
        contact_type: Option<String>,
    },
}

impl ContactInput {
    fn parts(&self) -> (&str, Option<&str>) {
        match self {
            ContactInput::Text(value) => (value, None),
            ContactInput::Shaped {
                value,
                contact_type,
            } => (value, contact_type.as_deref()),
        }
    }
}

#[derive(Deserialize, Debug, Default)]
pub struct LocationInput {
    #[serde(default)]
    city: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    country: Option<String>,
}

/// CandidateLocation as stored and answered. Stored JSON may come back with its keys
/// reordered (PostgreSQL), so it is read back through this type.
#[derive(Deserialize, Serialize, Clone, Debug)]
#[serde(rename_all = "camelCase")]
pub struct LocationView {
    id: Uuid,
    location_summary: String,
    location_components: Vec<LocationComponent>,
}

#[derive(Deserialize, Serialize, Clone, Debug)]
pub struct LocationComponent {
    #[serde(rename = "type")]
    kind: String,
    name: String,
}

impl LocationInput {
    /// The CandidateLocation response form, or `None` when every part is empty.
    fn to_view(&self) -> Option<Value> {
        let parts = [
            ("Country", &self.country),
            ("Region", &self.region),
            ("City", &self.city),
        ];
        let components: Vec<Value> = parts
            .iter()
            .filter_map(|(kind, name)| {
                present(name.as_deref()).map(|name| json!({"type": kind, "name": name}))
            })
            .collect();
        if components.is_empty() {
            return None;
        }
        let summary: Vec<&str> = parts
            .iter()
            .rev()
            .filter_map(|(_, name)| present(name.as_deref()))
            .collect();
        Some(json!({
            "id": Uuid::now_v7(),
            "locationSummary": summary.join(", "),
            "locationComponents": components,
        }))
    }
}

#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkType {
    LinkedIn,
    GitHub,
    Twitter,
    Medium,
    StackOverflow,
    YouTube,
    CodePen,
    Website,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Eq)]
pub struct SocialLink {
    #[serde(rename = "type")]
    pub kind: LinkType,
    pub url: String,
}

/// A trimmed, non-empty string, or `None`: clients send `""` for "not given".
pub fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn email(field: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim();
    let valid = value
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.contains('@'))
        && !value.chars().any(char::is_whitespace);
    if !valid {
        return Err(ApiError::invalid_input(format!(
            "`{field}` is not an email address: {value:?}."
        )));
    }
    Ok(value.to_string())
}

fn url(field: &str, value: &str) -> Result<String, ApiError> {
    match url::Url::parse(value.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
            Ok(value.trim().to_string())
        }
        _ => Err(ApiError::invalid_input(format!(
            "`{field}` must be a valid http(s) URL, got {value:?}."
        ))),
    }
}

fn contact_type(field: &str, value: Option<&str>) -> Result<String, ApiError> {
    match present(value) {
        None => Ok("Personal".into()),
        Some(t @ ("Personal" | "Work" | "Other")) => Ok(t.into()),
        Some(other) => Err(ApiError::invalid_input(format!(
            "`{field}.type` must be Personal, Work or Other, got {other:?}."
        ))),
    }
}

/// A primary email or phone from the first of `inputs` that is given.
fn primary(
    inputs: [(&str, Option<&ContactInput>); 2],
    is_email: bool,
) -> Result<Option<Contact>, ApiError> {
    for (field, input) in inputs {
        let Some(input) = input else { continue };
        let (value, kind) = input.parts();
        let Some(value) = present(Some(value)) else {
            continue;
        };
        let value = if is_email {
            email(field, value)?
        } else {
            value.to_string()
        };
        return Ok(Some(Contact {
            value,
            contact_type: contact_type(field, kind)?,
            is_primary: true,
        }));
    }
    Ok(None)
}

/// A validated change to a candidate's profile; `None` leaves a field as it is.
#[derive(Default, Debug)]
pub struct ProfileEdit {
    pub name: Option<String>,
    pub primary_email: Option<Contact>,
    pub primary_phone: Option<Contact>,
    pub alternate_emails: Vec<String>,
    /// `Some` replaces every link (update's `socialLinks`).
    pub replace_links: Option<Vec<SocialLink>>,
    /// Links to set one kind at a time (`linkedInUrl`, `githubUrl`, `website`).
    pub set_links: Vec<SocialLink>,
    pub source_id: Option<Uuid>,
    pub credited_to_user_id: Option<Uuid>,
    pub location: Option<Value>,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The profile fields candidate.create and candidate.update share.
pub struct ProfileFields<'a> {
    pub name: Option<&'a str>,
    pub emails: [(&'a str, Option<&'a ContactInput>); 2],
    pub phones: [(&'a str, Option<&'a ContactInput>); 2],
    pub alternate_emails: Vec<(&'a str, &'a str)>,
    pub social_links: Option<&'a [SocialLink]>,
    pub links: [(&'a str, LinkType, Option<&'a str>); 3],
    pub source_id: Option<Uuid>,
    pub credited_to_user_id: Option<Uuid>,
    pub location: Option<&'a LocationInput>,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ProfileFields<'_> {
    pub fn validate(self) -> Result<ProfileEdit, ApiError> {
        let name = match self.name {
            None => None,
            Some(name) => Some(
                present(Some(name))
                    .ok_or_else(|| ApiError::invalid_input("`name` must not be empty."))?
                    .to_string(),
            ),
        };
        let alternate_emails = self
            .alternate_emails
            .into_iter()
            .filter(|(_, v)| present(Some(v)).is_some())
            .map(|(field, v)| email(field, v))
            .collect::<Result<_, _>>()?;
        let replace_links = match self.social_links {
            None => None,
            Some(links) => Some(
                links
                    .iter()
                    .map(|l| {
                        Ok(SocialLink {
                            kind: l.kind,
                            url: url("socialLinks.url", &l.url)?,
                        })
                    })
                    .collect::<Result<_, ApiError>>()?,
            ),
        };
        // Ashby ignores the single-link fields when `socialLinks` is sent.
        let set_links = if replace_links.is_some() {
            Vec::new()
        } else {
            self.links
                .into_iter()
                .filter_map(|(field, kind, value)| present(value).map(|v| (field, kind, v)))
                .map(|(field, kind, value)| {
                    Ok(SocialLink {
                        kind,
                        url: url(field, value)?,
                    })
                })
                .collect::<Result<_, ApiError>>()?
        };
        Ok(ProfileEdit {
            name,
            primary_email: primary(self.emails, true)?,
            primary_phone: primary(self.phones, false)?,
            alternate_emails,
            replace_links,
            set_links,
            source_id: self.source_id,
            credited_to_user_id: self.credited_to_user_id,
            location: self.location.and_then(LocationInput::to_view),
            created_at: self.created_at,
        })
    }
}

/// Makes `new` the primary entry of `list`, adding it when the value is new.
pub fn make_primary(list: &mut Vec<Contact>, new: Contact) {
    for c in list.iter_mut() {
        c.is_primary = false;
    }
    let lower = new.value.to_lowercase();
    if let Some(i) = list.iter().position(|c| c.value.to_lowercase() == lower) {
        list.remove(i);
    }
    list.insert(0, new);
}

/// Adds an address unless the candidate has it; the first address is the primary one.
pub fn add_alternate(list: &mut Vec<Contact>, value: String) {
    let lower = value.to_lowercase();
    if list.iter().any(|c| c.value.to_lowercase() == lower) {
        return;
    }
    list.push(Contact {
        value,
        contact_type: "Personal".into(),
        is_primary: list.is_empty(),
    });
}

/// Applies link edits to the stored links.
pub fn edit_links(current: Vec<SocialLink>, edit: &ProfileEdit) -> Vec<SocialLink> {
    let mut links = edit.replace_links.clone().unwrap_or(current);
    for new in &edit.set_links {
        match links.iter_mut().find(|l| l.kind == new.kind) {
            Some(existing) => existing.url = new.url.clone(),
            None => links.push(new.clone()),
        }
    }
    links
}
