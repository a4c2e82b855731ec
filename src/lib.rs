//! Ashlar: a self-hosted applicant tracking server that speaks the Ashby public API.
//! See ARCHITECTURE.md for the map.

pub mod admin;
pub mod api;
pub mod auth;
pub mod cli;
pub mod demo;
pub mod error;
pub mod http;
pub mod openapi;
pub mod registry;
pub mod store;
