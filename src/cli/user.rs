//! `ashlar user ...`: the organisation's members from the command line.

use super::DatabaseArgs;
use crate::store::users::{add_user, NewUser, GLOBAL_ROLES};
use crate::store::OpenMode;
use clap::{Args, Subcommand};
use serde_json::json;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a user (recruiter, interviewer, admin) to the organisation.
    Create(CreateArgs),
}

#[derive(Args)]
pub struct CreateArgs {
    #[arg(long)]
    first_name: String,
    #[arg(long)]
    last_name: String,
    /// Unique in the organisation, whatever its case.
    #[arg(long)]
    email: String,
    /// The user's global role.
    #[arg(long, default_value = "Limited Access", value_parser = clap::builder::PossibleValuesParser::new(GLOBAL_ROLES))]
    role: String,
    /// Print the new user as JSON instead of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    db: DatabaseArgs,
}

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create(args) => create(args).await,
    }
}

async fn create(args: CreateArgs) -> anyhow::Result<()> {
    let store = args.db.open(OpenMode::Existing).await?;
    let write = store.write().await?;
    let new = NewUser {
        first_name: args.first_name,
        last_name: args.last_name,
        email: args.email,
        global_role: args.role,
        manager_id: None,
    };
    let user = add_user(&write, new, chrono::Utc::now()).await?;
    write.commit().await?;
    if args.json {
        let out = json!({
            "id": user.id,
            "firstName": user.first_name,
            "lastName": user.last_name,
            "email": user.email,
            "globalRole": user.global_role,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "Created user {} ({} {}, {}, {}).",
            user.id, user.first_name, user.last_name, user.email, user.global_role
        );
    }
    Ok(())
}
