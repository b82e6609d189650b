//! The checked-in OpenAPI document is the contract: it must match what the code serves.

/// `openapi/openapi.json` equals the document generated from the code.
#[test]
fn the_checked_in_openapi_document_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let generated = profilehub::api::spec::spec_json();
    if checked_in != generated {
        let first_difference = checked_in
            .lines()
            .zip(generated.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}:\n  checked in: {a}\n  generated:  {b}", i + 1))
            .unwrap_or_else(|| "the documents differ in length".into());
        panic!(
            "openapi/openapi.json is out of date ({first_difference}).\n\
             Regenerate it with:\n    cargo run -- openapi --output openapi/openapi.json"
        );
    }
}
