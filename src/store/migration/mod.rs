//! Schema migrations, written once in Rust for both engines. Additive only.

pub mod common;
mod m0001_core;
mod m0002_organization;
mod m0003_hiring_process;
mod m0004_jobs;
mod m0005_candidates;
mod m0006_applications;
mod m0007_candidate_links;
mod m0010_admin;

use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_core::Migration),
            Box::new(m0002_organization::Migration),
            Box::new(m0003_hiring_process::Migration),
            Box::new(m0004_jobs::Migration),
            Box::new(m0005_candidates::Migration),
            Box::new(m0006_applications::Migration),
            Box::new(m0007_candidate_links::Migration),
            Box::new(m0010_admin::Migration),
        ]
    }
}
