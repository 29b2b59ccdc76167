//! Change events for live pages. Within one process a broadcast channel; across processes on
//! PostgreSQL, `NOTIFY`/`LISTEN` on one channel (no extra broker), re-broadcast locally.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};
use tokio::sync::broadcast;

const CHANNEL: &str = "hoithi_events";

/// Sent to every subscriber when events may have been missed (the listener reconnected): each
/// page fetches its state again.
pub const RESYNC: &str = "*";

/// Topics are short strings such as `live:3`.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<String>,
    postgres: bool,
    listening: Arc<AtomicBool>,
}

impl EventBus {
    pub fn new(db: &DatabaseConnection) -> Self {
        let (tx, _) = broadcast::channel(1024);
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        // Within one process there is nothing to listen to.
        Self { tx, postgres, listening: Arc::new(AtomicBool::new(!postgres)) }
    }

    /// Whether events of other processes reach this one (always, without PostgreSQL): a server
    /// is not ready before its listener listens.
    pub fn is_listening(&self) -> bool {
        self.listening.load(Ordering::SeqCst)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.tx.subscribe()
    }

    /// Announces a change to every subscriber of every process.
    pub async fn publish(&self, db: &impl ConnectionTrait, topic: &str) {
        if self.postgres {
            // The listener of every process (this one too) delivers it.
            let sql = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), topic.into()],
            );
            if let Err(e) = db.execute_raw(sql).await {
                tracing::warn!(error = %e, "NOTIFY failed; delivering locally only");
                let _ = self.tx.send(topic.to_owned());
            }
        } else {
            let _ = self.tx.send(topic.to_owned());
        }
    }

    /// On PostgreSQL, listens for notifications from every process and re-broadcasts them here.
    /// Runs until the process ends; reconnects on its own.
    pub async fn listen(self, db: DatabaseConnection) {
        if !self.postgres {
            return;
        }
        let pool = db.get_postgres_connection_pool().clone();
        let mut first = true;
        loop {
            match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen(CHANNEL).await {
                        tracing::warn!(error = %e, "LISTEN failed");
                    } else {
                        self.listening.store(true, Ordering::SeqCst);
                        if !first {
                            // Notifications sent while we were away are lost: pages refetch.
                            tracing::info!("event listener reconnected");
                            let _ = self.tx.send(RESYNC.to_owned());
                        }
                        first = false;
                        loop {
                            match listener.recv().await {
                                Ok(n) => {
                                    let _ = self.tx.send(n.payload().to_owned());
                                }
                                Err(e) => {
                                    tracing::warn!(error = %e, "event listener lost its connection");
                                    self.listening.store(false, Ordering::SeqCst);
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "event listener cannot connect"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }
}
