//! All integration tests of `profilehub-jobs`, compiled as one binary (one link step).

mod atcoder;
mod codechef;
mod codeforces;
mod contest_series;
mod doubles;
mod engine;
mod fixtures;
mod leetcode;
mod parsers;
mod polite;
