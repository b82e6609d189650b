//! The captured platform responses, located by the shared test kit (never copied into the
//! repository: they are reference data, not licensed to us).

pub use profilehub_testkit::fixtures::{all, read};
