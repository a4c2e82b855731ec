//! The storage invariant sync tokens rest on: a reader that takes the change
//! counter H and reads rows with change numbers up to H never misses a row whose
//! change number is at most H, however writers interleave and however long their
//! transactions stay open.

mod common;

use ashlar::store::entities::user;
use ashlar::store::users::{add_user, NewUser};
use ashlar::store::{OpenMode, Store};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashSet;
use std::time::Duration;
use uuid::Uuid;

async fn insert_user(store: &Store, n: usize, hold: Duration) -> Uuid {
    let write = store.write().await.unwrap();
    let new = NewUser {
        first_name: format!("Writer{n}"),
        last_name: "Test".into(),
        email: format!("w{n}@example.com"),
        global_role: "Limited Access".into(),
        manager_id: None,
    };
    let id = add_user(&write, new, chrono::Utc::now()).await.unwrap().id;
    // Keep the transaction open a while, so commits could land out of order.
    tokio::time::sleep(hold).await;
    write.commit().await.unwrap();
    id
}

#[tokio::test]
async fn a_syncing_reader_never_misses_a_concurrent_write() {
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_database_url(dir.path()).await;
    let store = Store::open(&url, OpenMode::CreateAndMigrate).await.unwrap();

    let writers: Vec<_> = (0..4)
        .map(|w| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut ids = Vec::new();
                for i in 0..25 {
                    let hold = Duration::from_millis(((w * 7 + i * 3) % 5) as u64);
                    ids.push(insert_user(&store, w * 100 + i, hold).await);
                }
                ids
            })
        })
        .collect();

    let mut seen = HashSet::new();
    let mut since = 0;
    let mut rounds = 0;
    loop {
        let done = writers.iter().all(|w| w.is_finished());
        let horizon = store.current_change().await.unwrap();
        let rows = user::Entity::find()
            .filter(user::Column::ChangeSeq.gt(since))
            .filter(user::Column::ChangeSeq.lte(horizon))
            .all(store.reader())
            .await
            .unwrap();
        seen.extend(rows.into_iter().map(|r| r.id));
        since = horizon;
        rounds += 1;
        if done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let mut written = HashSet::new();
    for writer in writers {
        written.extend(writer.await.unwrap());
    }
    assert_eq!(written.len(), 100);
    assert!(rounds > 1, "the reader synced while writers ran");
    let missed: Vec<_> = written.difference(&seen).collect();
    assert!(missed.is_empty(), "missed {} rows", missed.len());
}
