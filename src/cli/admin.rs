//! `ashlar admin ...`: accounts for the admin web app.

use super::DatabaseArgs;
use crate::admin::password;
use crate::store::admin::AuditEntry;
use crate::store::OpenMode;
use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use std::io::{BufRead, IsTerminal};

#[derive(Subcommand)]
pub enum AdminCommand {
    /// Create an admin account for the web app at /admin. The password is asked for
    /// (or read from the first line of standard input when it is not a terminal).
    Create(CreateArgs),
}

#[derive(Args)]
pub struct CreateArgs {
    /// The email the admin signs in with.
    #[arg(long)]
    email: String,
    #[command(flatten)]
    db: DatabaseArgs,
}

pub async fn run(command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::Create(args) => create(args).await,
    }
}

async fn create(args: CreateArgs) -> anyhow::Result<()> {
    let email = args.email.trim().to_lowercase();
    if !email.contains('@') || email.len() < 3 {
        bail!("`{}` is not an email address", args.email);
    }
    let password = read_password()?;
    password::check_strength(&password).map_err(anyhow::Error::msg)?;
    let store = args.db.open(OpenMode::CreateAndMigrate).await?;
    let hash = password::hash(password).await?;
    let now = chrono::Utc::now();
    if store.insert_admin(&email, &hash, now).await?.is_none() {
        bail!("an admin account with the email {email} already exists");
    }
    store
        .append_audit(
            AuditEntry {
                actor: "cli".into(),
                action: "admin.create",
                key_id: None,
                detail: format!("Created the admin account {email}."),
                client_addr: None,
            },
            now,
        )
        .await?;
    println!("Admin account {email} created. Sign in at /admin on the server.");
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").context("reading the password")?;
        let again =
            rpassword::prompt_password("Password again: ").context("reading the password")?;
        if first != again {
            bail!("the two passwords differ");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
