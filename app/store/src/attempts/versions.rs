//! Question versions kept in memory: a version is never changed once written (an edit writes a
//! new one, and a restore runs with the server stopped), so any process may keep what it read.

use super::*;
use crate::entity::question_version;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::{collections::HashMap, sync::Arc};

/// More versions than this and the least used are dropped (a bank holds a few thousand).
const VERSION_CACHE_MAX: u64 = 20_000;

/// The versions this process has read, by id.
#[derive(Clone)]
pub struct VersionCache {
    inner: moka::sync::Cache<i32, Arc<question_version::Model>>,
}

impl Default for VersionCache {
    fn default() -> Self {
        Self { inner: moka::sync::Cache::new(VERSION_CACHE_MAX) }
    }
}

impl VersionCache {
    /// The versions `ids`, read from the database only for those not yet kept (one query).
    pub async fn get_many(
        &self,
        db: &impl ConnectionTrait,
        ids: &[i32],
    ) -> Result<HashMap<i32, Arc<question_version::Model>>> {
        let mut found = HashMap::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids {
            match self.inner.get(id) {
                Some(v) => {
                    found.insert(*id, v);
                }
                None => missing.push(*id),
            }
        }
        if !missing.is_empty() {
            for v in question_version::Entity::find()
                .filter(question_version::Column::Id.is_in(missing))
                .all(db)
                .await?
            {
                let v = Arc::new(v);
                self.inner.insert(v.id, v.clone());
                found.insert(v.id, v);
            }
        }
        Ok(found)
    }
}
