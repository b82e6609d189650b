//! One integration-test binary (one link step on a 2-core machine): the real service on a
//! random port, driven over HTTP, on SQLite — or on PostgreSQL when `TEST_DATABASE_URL`
//! is set.

mod admin;
mod auth;
mod cache;
mod cards;
mod client;
mod compat;
mod connections;
mod contract;
mod errors;
mod fleet;
mod helpers;
mod history;
mod hostile;
mod leaderboards;
mod lifecycle;
mod lists;
mod mail;
mod notifications;
mod operations;
mod process;
mod profiles;
mod ratings;
mod social;
mod storage;
mod throttling;
mod users;
