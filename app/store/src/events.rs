//! Change events for live pages. Within one process a broadcast channel; across processes on
//! PostgreSQL, `NOTIFY`/`LISTEN` on one channel (no extra broker), re-broadcast locally.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::broadcast;

const CHANNEL: &str = "hoithi_events";

/// Topics are short strings such as `live:3`.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<String>,
    postgres: bool,
}

impl EventBus {
    pub fn new(db: &DatabaseConnection) -> Self {
        let (tx, _) = broadcast::channel(1024);
        Self { tx, postgres: db.get_database_backend() == DbBackend::Postgres }
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
        loop {
            match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen(CHANNEL).await {
                        tracing::warn!(error = %e, "LISTEN failed");
                    } else {
                        loop {
                            match listener.recv().await {
                                Ok(n) => {
                                    let _ = self.tx.send(n.payload().to_owned());
                                }
                                Err(e) => {
                                    tracing::warn!(error = %e, "event listener lost its connection");
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
