//! Recording every API request without a database write per request: entries wait
//! in memory and are written in batches every few seconds (and on shutdown).

use crate::store::request_log::LoggedRequest;
use crate::store::Store;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Entries held between flushes at most; past it new entries are counted and dropped,
/// so a flood with a stalled database cannot exhaust memory.
const BUFFER_CAPACITY: usize = 100_000;
const FLUSH_EVERY: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct RequestLog {
    store: Store,
    pending: Arc<Mutex<Vec<LoggedRequest>>>,
    dropped: Arc<AtomicU64>,
}

impl RequestLog {
    pub fn new(store: Store) -> Self {
        RequestLog {
            store,
            pending: Default::default(),
            dropped: Default::default(),
        }
    }

    pub fn record(&self, entry: LoggedRequest) {
        let mut pending = self.pending.lock().expect("lock");
        if pending.len() < BUFFER_CAPACITY {
            pending.push(entry);
        } else {
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Writes what is pending in one batch.
    pub async fn flush(&self) -> Result<(), sea_orm::DbErr> {
        let batch = std::mem::take(&mut *self.pending.lock().expect("lock"));
        let dropped = self.dropped.swap(0, Ordering::Relaxed);
        if dropped > 0 {
            tracing::warn!(dropped, "request log buffer was full; entries were dropped");
        }
        self.store.append_requests(&batch).await
    }

    pub fn spawn_flusher(&self) {
        let log = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FLUSH_EVERY);
            loop {
                tick.tick().await;
                if let Err(err) = log.flush().await {
                    tracing::warn!(error = %err, "could not write the request log");
                }
            }
        });
    }
}
