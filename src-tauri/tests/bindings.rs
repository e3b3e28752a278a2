//! The committed TypeScript bindings must be what the Rust commands generate today.

use std::path::Path;

#[test]
fn typescript_bindings_are_current() -> Result<(), Box<dyn std::error::Error>> {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let dir = tempfile::tempdir()?;
    let fresh = dir.path().join("bindings.ts");
    canon_desk_lib::export_bindings(&fresh)?;
    let fresh_text = std::fs::read_to_string(&fresh)?;
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed, &fresh_text)?;
        return Ok(());
    }
    let committed_text = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        committed_text == fresh_text,
        "ui/src/bindings.ts differs from what the Rust commands generate: run `./x bindings` and commit the result"
    );
    Ok(())
}
