//! Schema migrations, written once in Rust for both engines. Additive only.

pub mod common;
mod m0001_core;
mod m0002_organization;
mod m0004_jobs;

use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_core::Migration),
            Box::new(m0002_organization::Migration),
            Box::new(m0004_jobs::Migration),
        ]
    }
}
