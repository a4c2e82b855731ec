//! Server-wide settings kept in the database, so every instance shares them.

use super::Store;
use rand::RngCore;
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

const SIGNING_SECRET: &str = "signing_secret";

impl Store {
    /// The secret that signs cursors, sync tokens and file URLs; made on first use.
    pub async fn signing_secret(&self) -> Result<Vec<u8>, DbErr> {
        if let Some(secret) = self.setting(SIGNING_SECRET).await? {
            return hex::decode(secret).map_err(|e| DbErr::Custom(e.to_string()));
        }
        let mut fresh = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut fresh);
        let insert = Query::insert()
            .into_table(Alias::new("server_setting"))
            .columns([Alias::new("name"), Alias::new("value")])
            .values_panic([SIGNING_SECRET.into(), hex::encode(fresh).into()])
            .on_conflict(
                OnConflict::column(Alias::new("name"))
                    .do_nothing()
                    .to_owned(),
            )
            .to_owned();
        self.writer.execute(self.backend().build(&insert)).await?;
        // Another instance may have won the race; read back whichever secret stands.
        let secret = self
            .setting(SIGNING_SECRET)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(SIGNING_SECRET.into()))?;
        hex::decode(secret).map_err(|e| DbErr::Custom(e.to_string()))
    }

    async fn setting(&self, name: &str) -> Result<Option<String>, DbErr> {
        let select = Query::select()
            .column(Alias::new("value"))
            .from(Alias::new("server_setting"))
            .and_where(Expr::col(Alias::new("name")).eq(name))
            .to_owned();
        match self.writer.query_one(self.backend().build(&select)).await? {
            Some(row) => Ok(Some(row.try_get_by_index(0)?)),
            None => Ok(None),
        }
    }
}
