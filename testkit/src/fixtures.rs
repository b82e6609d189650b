//! Locates the captured platform responses. They are never copied into the repository
//! (reference data, not licensed to us): see `shared/fixtures/platforms/SOURCES.md`.

use std::path::PathBuf;

/// The fixtures directory: `$PROFILEHUB_FIXTURES`, else `../shared/fixtures/platforms`
/// beside the workspace, else `/work/shared/fixtures/platforms`. Panics when none exists: a
/// test that silently skips its fixtures proves nothing.
pub fn dir() -> PathBuf {
    if let Some(explicit) = std::env::var_os("PROFILEHUB_FIXTURES") {
        let path = PathBuf::from(explicit);
        assert!(
            path.is_dir(),
            "PROFILEHUB_FIXTURES={} is not a directory of platform fixtures",
            path.display()
        );
        return path;
    }
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/platforms"),
        PathBuf::from("/work/shared/fixtures/platforms"),
    ];
    candidates
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "platform fixtures not found in {candidates:?}; set PROFILEHUB_FIXTURES to the \
                 folder holding codechef/, codeforces/, leetcode/ and atcoder/"
            )
        })
}

/// The bytes of `<platform>/<name>`.
pub fn read(platform: &str, name: &str) -> Vec<u8> {
    let path = dir().join(platform).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// Every file of a platform's fixture folder as (name, bytes), sorted by name.
pub fn all(platform: &str) -> Vec<(String, Vec<u8>)> {
    let folder = dir().join(platform);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
        .map(|entry| {
            let entry = entry.expect("readable directory entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(entry.path()).expect("readable fixture");
            (name, bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", folder.display());
    files
}
