//! `ashlar key ...`: API keys from the command line.

use super::DatabaseArgs;
use crate::auth::permissions::{all_grants, Grant};
use crate::auth::secret;
use crate::store::api_keys::{KeyRecord, NewKey};
use crate::store::OpenMode;
use anyhow::{anyhow, bail};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use serde_json::json;
use uuid::Uuid;

#[derive(Subcommand)]
pub enum KeyCommand {
    /// Create a key and print its secret once, alone on the last line.
    Create(CreateArgs),
    /// List every key (never the secrets).
    List(ListArgs),
    /// Show one key.
    Show(IdArgs),
    /// Deactivate a key for good; it answers 403 from then on.
    Revoke(IdArgs),
}

#[derive(Args)]
pub struct CreateArgs {
    /// A name that says who or what uses the key.
    #[arg(long)]
    title: String,
    /// A grant, MODULE:read or MODULE:write; repeat it. Modules: jobs, candidates, interviews,
    /// hiringProcessMetadata, organization, offers, apiKeys, approvals, reports, notetaker.
    /// Write does not imply read.
    #[arg(long = "grant", value_name = "MODULE:ACCESS")]
    grants: Vec<Grant>,
    /// Grant read and write on every module.
    #[arg(long)]
    all: bool,
    /// Allow access to confidential jobs and projects.
    #[arg(long)]
    confidential: bool,
    /// Allow access to private fields (private notes, emails, custom fields).
    #[arg(long)]
    private_fields: bool,
    /// Allow application.updateHistory.
    #[arg(long)]
    update_history: bool,
    /// Only accept calls from these addresses (CIDR, IPv4 or IPv6); repeat it.
    #[arg(long = "allow-ip", value_name = "CIDR")]
    ip_allowlist: Vec<ipnet::IpNet>,
    /// Expire the key after this long: 30d, 12h, 90m, 2w.
    #[arg(long, value_parser = parse_duration)]
    expires_in: Option<chrono::Duration>,
    /// Print a JSON object (with `id` and `secret`) instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DatabaseArgs,
}

#[derive(Args)]
pub struct ListArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DatabaseArgs,
}

#[derive(Args)]
pub struct IdArgs {
    /// The key's id (a UUID, as `key list` prints).
    id: Uuid,
    #[command(flatten)]
    db: DatabaseArgs,
}

pub async fn run(command: KeyCommand) -> anyhow::Result<()> {
    match command {
        KeyCommand::Create(args) => create(args).await,
        KeyCommand::List(args) => {
            let keys = args.db.open(OpenMode::Existing).await?.list_keys().await?;
            if args.json {
                let all: Vec<_> = keys.iter().map(describe).collect();
                println!("{}", serde_json::to_string_pretty(&all)?);
            } else {
                for key in &keys {
                    println!(
                        "{}  {:<14} {:<12} {}  [{}]",
                        key.id,
                        key.prefix,
                        status(key, Utc::now()),
                        key.title,
                        scopes(key).join(" ")
                    );
                }
            }
            Ok(())
        }
        KeyCommand::Show(args) => {
            let store = args.db.open(OpenMode::Existing).await?;
            let key = store
                .key_by_id(args.id)
                .await?
                .ok_or_else(|| anyhow!("no API key with id {}", args.id))?;
            println!("{}", serde_json::to_string_pretty(&describe(&key))?);
            Ok(())
        }
        KeyCommand::Revoke(args) => {
            let store = args.db.open(OpenMode::Existing).await?;
            if !store.deactivate_key(args.id, Utc::now()).await? {
                bail!("no API key with id {}", args.id);
            }
            cli_audit(
                &store,
                "key.deactivate",
                args.id,
                "Deactivated from the command line.".into(),
            )
            .await?;
            println!("API key {} is deactivated.", args.id);
            Ok(())
        }
    }
}

async fn create(args: CreateArgs) -> anyhow::Result<()> {
    let mut grants: std::collections::BTreeSet<Grant> = args.grants.into_iter().collect();
    if args.all {
        grants.extend(all_grants());
    }
    let now = Utc::now();
    let new = NewKey {
        title: args.title,
        grants,
        allow_confidential: args.confidential,
        allow_private_fields: args.private_fields,
        allow_update_history: args.update_history,
        ip_allowlist: args.ip_allowlist,
        expires_at: args.expires_in.map(|d| now + d),
        created_by: "cli".into(),
    };
    let store = args.db.open(OpenMode::Existing).await?;
    let secret = secret::generate();
    let key = store.insert_key(&new, &secret, now).await?;
    let detail = format!(
        "Created from the command line with [{}].",
        scopes(&key).join(" ")
    );
    cli_audit(&store, "key.create", key.id, detail).await?;
    if args.json {
        let mut out = describe(&key);
        out["secret"] = json!(secret);
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "Created API key {} ({}) with [{}].",
            key.id,
            key.title,
            scopes(&key).join(" ")
        );
        println!("The secret is shown only this once:");
        println!("{secret}");
    }
    Ok(())
}

/// The audit log records key changes made here too, with `cli` as the actor.
async fn cli_audit(
    store: &crate::store::Store,
    action: &'static str,
    key_id: Uuid,
    detail: String,
) -> anyhow::Result<()> {
    let entry = crate::store::admin::AuditEntry {
        actor: "cli".into(),
        action,
        key_id: Some(key_id),
        detail,
        client_addr: None,
    };
    Ok(store.append_audit(entry, Utc::now()).await?)
}

fn scopes(key: &KeyRecord) -> Vec<String> {
    key.grants.iter().map(ToString::to_string).collect()
}

/// A key's state for people: active, expired, deactivated, rotated.
pub fn status(key: &KeyRecord, now: DateTime<Utc>) -> &'static str {
    let past = |t: Option<DateTime<Utc>>| t.is_some_and(|t| t <= now);
    if past(key.deactivated_at) {
        "deactivated"
    } else if past(key.retires_at) {
        "rotated"
    } else if past(key.expires_at) {
        "expired"
    } else {
        "active"
    }
}

fn describe(key: &KeyRecord) -> serde_json::Value {
    let iso = |t: Option<DateTime<Utc>>| t.map(crate::api::time::iso);
    json!({
        "id": key.id,
        "title": key.title,
        "prefix": key.prefix,
        "status": status(key, Utc::now()),
        "scopes": scopes(key),
        "allowConfidential": key.allow_confidential,
        "allowPrivateFields": key.allow_private_fields,
        "allowUpdateHistory": key.allow_update_history,
        "ipAllowlist": key.ip_allowlist.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "createdAt": crate::api::time::iso(key.created_at),
        "createdBy": key.created_by,
        "lastUsedAt": iso(key.last_used_at),
        "expiresAt": iso(key.expires_at),
        "deactivatedAt": iso(key.deactivated_at),
    })
}

/// `30d`, `12h`, `90m`, `2w`, `45s`.
pub fn parse_duration(text: &str) -> Result<chrono::Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let n: i64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a duration like 30d, 12h or 90m"))?;
    let duration = match unit {
        "s" => chrono::Duration::try_seconds(n),
        "m" => chrono::Duration::try_minutes(n),
        "h" => chrono::Duration::try_hours(n),
        "d" => chrono::Duration::try_days(n),
        "w" => chrono::Duration::try_weeks(n),
        _ => None,
    };
    match duration {
        Some(d) if n > 0 => Ok(d),
        _ => Err(format!("`{text}` is not a duration like 30d, 12h or 90m")),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("30d"), Ok(chrono::Duration::days(30)));
        assert_eq!(parse_duration("90m"), Ok(chrono::Duration::minutes(90)));
        assert!(parse_duration("0d").is_err());
        assert!(parse_duration("tomorrow").is_err());
        assert!(parse_duration("5y").is_err());
    }
}
