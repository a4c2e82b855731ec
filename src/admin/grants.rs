//! The key settings form shared by "create" and "edit": title, preset, a read and a
//! write checkbox per module (each listing its endpoints), flags, expiry, IP allowlist.

use super::layout::{field_error, FieldErrors};
use super::session::FormData;
use crate::auth::permissions::{all_grants, Access, Grant, Module};
use crate::registry::ENDPOINTS;
use crate::store::api_keys::{KeyEdit, KeyRecord};
use chrono::{DateTime, NaiveDate, Utc};
use maud::{html, Markup};
use std::collections::BTreeSet;

/// Starting points for a key's grants.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    None,
    ReadAll,
    Full,
    Merge,
    JobBoard,
}

impl Preset {
    const ALL: [Preset; 5] = [
        Preset::None,
        Preset::ReadAll,
        Preset::Full,
        Preset::Merge,
        Preset::JobBoard,
    ];

    fn id(self) -> &'static str {
        match self {
            Preset::None => "none",
            Preset::ReadAll => "read-all",
            Preset::Full => "full",
            Preset::Merge => "merge",
            Preset::JobBoard => "job-board",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Preset::None => "None (choose below)",
            Preset::ReadAll => "Read-only everything",
            Preset::Full => "Full access",
            Preset::Merge => {
                "Merge (read Jobs, Candidates, Interviews, Hiring Process, Organization, Offers)"
            }
            Preset::JobBoard => "Job board (read jobs and hiring process, submit applications)",
        }
    }

    fn parse(id: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.id() == id)
    }

    pub fn grants(self) -> BTreeSet<Grant> {
        use Module::*;
        let read = |modules: &[Module]| -> BTreeSet<Grant> {
            modules
                .iter()
                .map(|&module| Grant {
                    module,
                    access: Access::Read,
                })
                .collect()
        };
        match self {
            Preset::None => BTreeSet::new(),
            Preset::ReadAll => read(&Module::ALL),
            Preset::Full => all_grants().into_iter().collect(),
            Preset::Merge => read(&[
                Jobs,
                Candidates,
                Interviews,
                HiringProcessMetadata,
                Organization,
                Offers,
            ]),
            Preset::JobBoard => {
                let mut grants = read(&[Jobs, HiringProcessMetadata]);
                // applicationForm.submit is a Candidates write.
                grants.insert(Grant {
                    module: Candidates,
                    access: Access::Write,
                });
                grants
            }
        }
    }
}

/// The form's values as typed, so a refused form comes back as it was sent.
#[derive(Clone, Default)]
pub struct KeyForm {
    pub title: String,
    pub grants: BTreeSet<Grant>,
    pub confidential: bool,
    pub private_fields: bool,
    pub update_history: bool,
    pub expires_on: String,
    pub ip_allowlist: String,
}

impl KeyForm {
    pub fn from_key(key: &KeyRecord) -> KeyForm {
        KeyForm {
            title: key.title.clone(),
            grants: key.grants.clone(),
            confidential: key.allow_confidential,
            private_fields: key.allow_private_fields,
            update_history: key.allow_update_history,
            expires_on: key
                .expires_at
                .map(|t| t.date_naive().to_string())
                .unwrap_or_default(),
            ip_allowlist: key
                .ip_allowlist
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    pub fn from_form(form: &FormData) -> KeyForm {
        KeyForm {
            title: form.get("title").trim().to_string(),
            grants: form.all("grant").filter_map(|g| g.parse().ok()).collect(),
            confidential: form.has("confidential"),
            private_fields: form.has("private_fields"),
            update_history: form.has("update_history"),
            expires_on: form.get("expires_on").trim().to_string(),
            ip_allowlist: form.get("ip_allowlist").trim().to_string(),
        }
    }

    /// "Apply preset" replaces the grants with the chosen preset's.
    pub fn apply_preset(&mut self, form: &FormData) {
        if let Some(preset) = Preset::parse(form.get("preset")) {
            self.grants = preset.grants();
        }
    }

    /// The edit this form asks for, or the errors to show next to each field.
    /// A key expires at the end of its expiry day (UTC).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<KeyEdit, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.title.is_empty() {
            errors.insert(
                "title",
                "Give the key a title that says who or what uses it.".into(),
            );
        } else if self.title.chars().count() > 200 {
            errors.insert("title", "The title is longer than 200 characters.".into());
        }
        let expires_at = match self.expires_on.as_str() {
            "" => None,
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(day) => {
                    let end = day
                        .succ_opt()
                        .and_then(|d| d.and_hms_opt(0, 0, 0))
                        .map(|t| t.and_utc());
                    match end {
                        Some(end) if end > now => Some(end),
                        _ => {
                            errors.insert(
                                "expires_on",
                                "The expiry date must be today or later.".into(),
                            );
                            None
                        }
                    }
                }
                Err(_) => {
                    errors.insert(
                        "expires_on",
                        format!("`{text}` is not a date like 2027-01-31."),
                    );
                    None
                }
            },
        };
        let ip_allowlist = match parse_allowlist(&self.ip_allowlist) {
            Ok(nets) => nets,
            Err(message) => {
                errors.insert("ip_allowlist", message);
                Vec::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(KeyEdit {
            title: self.title.clone(),
            grants: self.grants.clone(),
            allow_confidential: self.confidential,
            allow_private_fields: self.private_fields,
            allow_update_history: self.update_history,
            ip_allowlist,
            expires_at,
        })
    }
}

/// CIDRs (or single addresses), IPv4 or IPv6, one per line or comma-separated.
pub fn parse_allowlist(text: &str) -> Result<Vec<ipnet::IpNet>, String> {
    let mut nets = Vec::new();
    let mut bad = Vec::new();
    for entry in text
        .split([',', '\n', '\r', ' ', '\t'])
        .filter(|e| !e.is_empty())
    {
        let parsed = entry
            .parse::<ipnet::IpNet>()
            .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from));
        match parsed {
            Ok(net) => nets.push(net.trunc()),
            Err(_) => bad.push(entry),
        }
    }
    if bad.is_empty() {
        Ok(nets)
    } else {
        Err(format!(
            "Not an IP address or CIDR range: {}. Use forms like 203.0.113.0/24 or 2001:db8::/32.",
            bad.join(", ")
        ))
    }
}

/// Everything the form shows, without the `<form>` element and its buttons.
pub fn fields(form: &KeyForm, errors: &FieldErrors) -> Markup {
    let invalid = |field: &str| errors.contains_key(field).then_some("true");
    html! {
        div.field {
            label for="title" { "Title" }
            input #title type="text" name="title" value=(form.title) required maxlength="200"
                aria-invalid=[invalid("title")] aria-describedby="title-hint";
            p.hint #title-hint { "Who or what uses the key, e.g. “Career site” or “Data warehouse sync”." }
            (field_error(errors, "title"))
        }
        fieldset.card {
            legend { "Permissions" }
            div.row {
                div.field {
                    label for="preset" { "Start from a preset" }
                    select #preset name="preset" {
                        @for preset in Preset::ALL {
                            option value=(preset.id()) { (preset.label()) }
                        }
                    }
                }
                div.field {
                    button.secondary type="submit" name="intent" value="preset" {
                        "Apply preset"
                    }
                }
            }
            p.hint { "Applying a preset replaces the checkboxes below; nothing is saved until you submit the form." }
            table.modules {
                thead { tr { th { "Module" } th { "Read" } th { "Write" } } }
                tbody {
                    @for module in Module::ALL {
                        tr {
                            th scope="row" { (module.label()) }
                            @for access in Access::ALL {
                                td { (grant_box(form, module, access)) }
                            }
                        }
                    }
                }
            }
        }
        fieldset.card {
            legend { "Sensitive data" }
            (flag_box("confidential", form.confidential, "Confidential jobs and projects",
                "The key sees confidential jobs and projects, and what hangs on them."))
            (flag_box("private_fields", form.private_fields, "Private fields",
                "The key reads and writes private notes, emails and custom fields."))
            (flag_box("update_history", form.update_history, "Rewrite application history",
                "The key may call application.updateHistory."))
        }
        fieldset.card {
            legend { "Limits" }
            div.field {
                label for="expires_on" { "Expiry date (optional)" }
                input #expires_on type="date" name="expires_on" value=(form.expires_on)
                    aria-invalid=[invalid("expires_on")] aria-describedby="expires_on-hint";
                p.hint #expires_on-hint { "The key stops working at the end of this day (UTC). Leave empty for no expiry." }
                (field_error(errors, "expires_on"))
            }
            div.field {
                label for="ip_allowlist" { "IP allowlist (optional)" }
                textarea #ip_allowlist name="ip_allowlist" rows="3"
                    aria-invalid=[invalid("ip_allowlist")] aria-describedby="ip_allowlist-hint" {
                    (form.ip_allowlist)
                }
                p.hint #ip_allowlist-hint { "One address or CIDR range per line, IPv4 or IPv6 (203.0.113.0/24, 2001:db8::/32). Empty means any address." }
                (field_error(errors, "ip_allowlist"))
            }
        }
    }
}

fn grant_box(form: &KeyForm, module: Module, access: Access) -> Markup {
    let grant = Grant { module, access };
    let id = format!("grant-{}-{}", module.id(), access.id());
    let endpoints: Vec<&str> = ENDPOINTS
        .iter()
        .filter(|e| e.module == module && e.access == access)
        .map(|e| e.name)
        .collect();
    let word = if access == Access::Read {
        "Read"
    } else {
        "Write"
    };
    html! {
        div.check {
            input type="checkbox" id=(id) name="grant" value=(grant.to_string())
                checked[form.grants.contains(&grant)];
            label for=(id) { (word) " " (module.label()) }
        }
        @if endpoints.is_empty() {
            p.hint { "No endpoints." }
        } @else {
            details {
                summary { (endpoints.len()) " endpoint" @if endpoints.len() != 1 { "s" } }
                ul { @for name in endpoints { li { code { (name) } } } }
            }
        }
    }
}

fn flag_box(name: &str, checked: bool, label: &str, hint: &str) -> Markup {
    html! {
        div.field {
            div.check {
                input type="checkbox" id=(name) name=(name) value="on" checked[checked];
                label for=(name) { (label) }
            }
            p.hint { (hint) }
        }
    }
}

/// "Candidates (read, write), Jobs (read)", or a short phrase for the presets' extremes.
pub fn summary(grants: &BTreeSet<Grant>) -> String {
    if grants.is_empty() {
        return "No permissions".into();
    }
    if *grants == Preset::Full.grants() {
        return "Full access".into();
    }
    if *grants == Preset::ReadAll.grants() {
        return "Read-only everything".into();
    }
    Module::ALL
        .into_iter()
        .filter_map(|module| {
            let levels: Vec<&str> = Access::ALL
                .into_iter()
                .filter(|&access| grants.contains(&Grant { module, access }))
                .map(Access::id)
                .collect();
            (!levels.is_empty()).then(|| format!("{} ({})", module.label(), levels.join(", ")))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A key's state for the admin: the API enforces the same rules in `auth::keys`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    Active,
    ExpiringSoon,
    Expired,
    Deactivated,
    /// Rotated, still working until its grace time ends.
    Retiring,
    Rotated,
}

/// Keys expiring within this time are flagged.
const EXPIRING_SOON: chrono::Duration = chrono::Duration::days(7);

impl Status {
    pub fn of(key: &KeyRecord, now: DateTime<Utc>) -> Status {
        let past = |t: Option<DateTime<Utc>>| t.is_some_and(|t| t <= now);
        if past(key.deactivated_at) {
            Status::Deactivated
        } else if past(key.retires_at) {
            Status::Rotated
        } else if past(key.expires_at) {
            Status::Expired
        } else if key.retires_at.is_some() {
            Status::Retiring
        } else if key.expires_at.is_some_and(|t| t - now < EXPIRING_SOON) {
            Status::ExpiringSoon
        } else {
            Status::Active
        }
    }

    pub fn badge(self) -> Markup {
        let (class, text) = match self {
            Status::Active => ("active", "active"),
            Status::ExpiringSoon => ("expiring", "expiring soon"),
            Status::Expired => ("expired", "expired"),
            Status::Deactivated => ("deactivated", "deactivated"),
            Status::Retiring => ("retiring", "rotated, in grace period"),
            Status::Rotated => ("rotated", "rotated"),
        };
        html! { span class=(format!("status status-{class}")) { (text) } }
    }

    /// Whether the key can still be edited, rotated and deactivated.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            Status::Active | Status::ExpiringSoon | Status::Expired | Status::Retiring
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowlists_take_v4_v6_and_bare_addresses() {
        let nets = parse_allowlist("10.0.0.0/8\n2001:db8::/32, 192.0.2.7").unwrap();
        let shown: Vec<String> = nets.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7/32"]);
        let err = parse_allowlist("10.0.0.0/33\nnope").unwrap_err();
        assert!(err.contains("10.0.0.0/33, nope"), "{err}");
    }

    #[test]
    fn presets_grant_what_their_names_say() {
        let job_board: Vec<String> = Preset::JobBoard
            .grants()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            job_board,
            [
                "jobs:read",
                "candidates:write",
                "hiringProcessMetadata:read"
            ]
        );
        assert_eq!(Preset::Merge.grants().len(), 6);
        assert!(Preset::Merge
            .grants()
            .iter()
            .all(|g| g.access == Access::Read));
        assert_eq!(summary(&Preset::Full.grants()), "Full access");
    }
}
