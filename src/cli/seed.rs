//! `ashlar seed --applications N`: fills a database with realistic candidates and
//! applications quickly, for benchmarks and for trying Ashlar at scale. An empty
//! database first gets the demo organisation (its key is printed); the new rows go in
//! as multi-row inserts inside a few large write transactions.

use super::DatabaseArgs;
use crate::demo::applications::{application_rows, pipelines, reference_ids, Generated};
use crate::store::candidates::EMAIL;
use crate::store::entities::{application, application_history, candidate, candidate_contact};
use crate::store::{OpenMode, Store};
use chrono::{Duration, Utc};
use clap::Args;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set};
use serde_json::json;
use std::io::Write;
use std::time::Instant;
use uuid::Uuid;

#[derive(Args)]
pub struct SeedArgs {
    #[command(flatten)]
    db: DatabaseArgs,
    /// How many applications to add (each with a new candidate, some candidates get two).
    #[arg(long)]
    applications: u64,
    /// Applications per write transaction.
    #[arg(long, default_value_t = 20_000)]
    batch: u64,
}

const ROWS_PER_INSERT: usize = 1_000;

pub async fn run(args: SeedArgs) -> anyhow::Result<()> {
    let store = args.db.open(OpenMode::CreateAndMigrate).await?;
    if let Some(demo) = crate::demo::load_if_empty(&store, &args.db.data_dir).await? {
        println!("Demo organisation loaded: {}.", demo.summary.join("; "));
        println!("An API key with every permission (shown once):");
        println!("{}", demo.api_key);
    }
    let started = Instant::now();
    let mut done = 0;
    let mut progress = Progress::new(args.applications);
    while done < args.applications {
        let n = args.batch.min(args.applications - done).max(1);
        seed_batch(&store, done, n).await?;
        done += n;
        progress.show(done);
    }
    eprintln!();
    println!(
        "Added {done} applications in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One write transaction: `count` applications numbered from `first`, with their
/// candidates (every fifth candidate has two applications), emails and history.
async fn seed_batch(store: &Store, first: u64, count: u64) -> anyhow::Result<()> {
    let write = store.write().await?;
    let db = &write.txn;
    let pipelines = pipelines(db).await?;
    anyhow::ensure!(
        !pipelines.is_empty(),
        "the database has no job with an interview plan to apply to"
    );
    let (reasons, sources, users) = reference_ids(db).await?;
    let pick = |list: &[Uuid], n: usize| (!list.is_empty()).then(|| list[n % list.len()]);
    let now = Utc::now();
    let mut candidates = Vec::new();
    let mut contacts = Vec::new();
    let mut applications = Vec::new();
    let mut history = Vec::new();
    let mut candidate_id = Uuid::nil();
    for n in first..first + count {
        let n = n as usize;
        // Every fifth application goes to the previous application's candidate.
        if n % 5 != 4 || candidate_id.is_nil() {
            candidate_id = Uuid::now_v7();
            let (row, contact) = candidate_rows(write.change, candidate_id, n, now);
            candidates.push(row);
            contacts.push(contact);
        }
        let pipeline = &pipelines[n % pipelines.len()];
        let path = pipeline.journey(n);
        let step = Duration::hours(10 + (n % 50) as i64);
        // Spread over the past year, early enough for the whole journey to be over.
        let created_at =
            now - step * path.len() as i32 - Duration::minutes((n % 500_000) as i64 + 60);
        let generated = Generated {
            candidate_id,
            pipeline,
            path,
            created_at,
            step,
            archive_reason: pick(&reasons, n),
            source_id: pick(&sources, n),
            credited_to_user_id: if n.is_multiple_of(4) {
                pick(&users, n)
            } else {
                None
            },
        };
        let (row, entries) = application_rows(write.change, &generated);
        applications.push(row);
        history.extend(entries);
    }
    insert_all::<candidate::Entity, _>(db, candidates).await?;
    insert_all::<candidate_contact::Entity, _>(db, contacts).await?;
    insert_all::<application::Entity, _>(db, applications).await?;
    insert_all::<application_history::Entity, _>(db, history).await?;
    write.commit().await?;
    Ok(())
}

fn candidate_rows(
    change: i64,
    id: Uuid,
    n: usize,
    now: chrono::DateTime<Utc>,
) -> (candidate::ActiveModel, candidate_contact::ActiveModel) {
    let (first, last) = crate::demo::person_name(n);
    let name = format!("{first} {last}");
    let email = format!("{}.{}.{n}@seed.example", first, last).to_lowercase();
    let created = now - Duration::days(400) - Duration::minutes((n % 1_000) as i64);
    let row = candidate::ActiveModel {
        id: Set(id),
        created_at: Set(created),
        updated_at: Set(created),
        change_seq: Set(change),
        name_lower: Set(name.to_lowercase()),
        name: Set(name),
        social_links: Set(json!([])),
        position: Set(None),
        company: Set(None),
        school: Set(None),
        timezone: Set(None),
        location: Set(None),
        source_id: Set(None),
        credited_to_user_id: Set(None),
        fraud_status: Set(None),
        external_mapping_id: Set(None),
        resume_file_id: Set(None),
        anonymized_at: Set(None),
    };
    let contact = candidate_contact::ActiveModel {
        id: Set(Uuid::now_v7()),
        candidate_id: Set(id),
        kind: Set(EMAIL.into()),
        value_lower: Set(email.clone()),
        value: Set(email),
        contact_type: Set("Personal".into()),
        is_primary: Set(true),
        position: Set(0),
    };
    (row, contact)
}

async fn insert_all<E, C>(db: &C, rows: Vec<E::ActiveModel>) -> Result<(), DbErr>
where
    E: EntityTrait,
    E::ActiveModel: Clone,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel>,
    C: ConnectionTrait,
{
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        E::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A one-line progress bar on stderr.
struct Progress {
    total: u64,
    started: Instant,
}

impl Progress {
    fn new(total: u64) -> Self {
        Progress {
            total,
            started: Instant::now(),
        }
    }

    fn show(&mut self, done: u64) {
        const WIDTH: u64 = 30;
        let filled = (done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        let rate = done as f64 / self.started.elapsed().as_secs_f64().max(0.001);
        eprint!(
            "\r[{}{}] {done}/{} applications, {:.0}/s",
            "#".repeat(filled as usize),
            ".".repeat((WIDTH - filled) as usize),
            self.total,
            rate
        );
        let _ = std::io::stderr().flush();
    }
}
