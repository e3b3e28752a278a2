//! How much text one call from the window may carry.
//!
//! Every string a command receives ends up in the record, a letter or a log line,
//! and none of them holds ten megabytes of a name: a page (a bug, or a script run in
//! it) could still send that, and it would be stored, mailed and exported as it
//! came. The shell checks each call's payload with [`check_payload`] before any
//! command reads it, so the limit holds for every command, the ones added later
//! included, and the refusal is the typed [`ErrorCode::Malformed`] error.
//!
//! Ids are checked the same way: every number under a key that names one (`id`,
//! `ids`, `deviceId`, `entityId`…) must be a positive integer, as SQLite's row ids
//! are. A negative id would otherwise reach SQL and quietly find nothing.
//!
//! Files travel as text too: the base64 of an upload is bounded by
//! [`crate::upload::MAX_UPLOAD_BYTES`] where it is decoded, and a CSV file being
//! imported by [`MAX_CSV_BYTES`] here.

use serde_json::Value;

use crate::{Error, ErrorCode, Result};

/// The most characters one text field may hold. A device's notes, a request's
/// letter or an address are far shorter; a pasted page of text still fits.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The most bytes of a CSV file sent for import (`data` of the CSV commands): a
/// 100,000-device inventory is about 10 MB.
pub const MAX_CSV_BYTES: usize = 32 * 1024 * 1024;

/// The commands whose `data` argument is a whole CSV file.
const CSV_COMMANDS: [&str; 2] = ["csv_preview_devices", "csv_import_devices"];

/// A page the interface asks for starts at row 0 or later and holds at least one row:
/// anything else is a malformed call, refused rather than read as the first page (the
/// store would clamp it).
pub(crate) fn check_page(offset: i64, limit: i64) -> Result<()> {
    if offset < 0 || limit < 1 {
        return Err(Error {
            code: ErrorCode::Malformed,
            message: format!("a page from row {offset} of {limit} rows"),
            field: Some(if offset < 0 { "offset" } else { "limit" }.to_owned()),
        });
    }
    Ok(())
}

/// Checks that no text in `payload`, the arguments of `command`, is longer than the
/// field it goes to can be. Files are exempt here and bounded where they are read.
pub fn check_payload(command: &str, payload: &Value) -> Result<()> {
    check(command, None, payload)
}

fn check(command: &str, key: Option<&str>, value: &Value) -> Result<()> {
    match value {
        Value::String(text) => {
            let (max, over) = match key {
                // Bounded by the upload's own limit when decoded.
                Some("base64") => return Ok(()),
                Some("data") if CSV_COMMANDS.contains(&command) => {
                    (MAX_CSV_BYTES, text.len() > MAX_CSV_BYTES)
                }
                // Bytes first: a string with fewer bytes than the limit has fewer
                // characters too, and counting them is then not needed.
                _ => (
                    MAX_TEXT_CHARS,
                    text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS,
                ),
            };
            if over {
                return Err(Error {
                    code: ErrorCode::Malformed,
                    message: format!(
                        "{command}: {} is longer than the {max} characters a field may hold",
                        key.unwrap_or("a text")
                    ),
                    field: key.map(str::to_owned),
                });
            }
            Ok(())
        }
        Value::Number(n) if key.is_some_and(names_an_id) && n.as_i64().is_none_or(|id| id <= 0) => {
            Err(Error {
                code: ErrorCode::Malformed,
                message: format!(
                    "{command}: {} is {n}, and an id is a positive whole number",
                    key.unwrap_or("an id")
                ),
                field: key.map(str::to_owned),
            })
        }
        Value::Array(items) => items.iter().try_for_each(|v| check(command, key, v)),
        Value::Object(fields) => fields
            .iter()
            .try_for_each(|(k, v)| check(command, Some(k), v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// Whether a payload key names a record's id (or a list of them), in the
/// interface's camelCase naming.
fn names_an_id(key: &str) -> bool {
    key == "id" || key == "ids" || key.ends_with("Id") || key.ends_with("Ids")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_long_name_is_refused_with_its_field() {
        let payload = json!({ "id": 1, "input": { "model": "x".repeat(MAX_TEXT_CHARS + 1) } });
        let err = check_payload("device_update", &payload).err();
        assert_eq!(
            err.as_ref().map(|e| (e.code, e.field.as_deref())),
            Some((ErrorCode::Malformed, Some("model"))),
            "a model past the limit must be refused as malformed, naming the field: {err:?}"
        );
    }

    #[test]
    fn text_up_to_the_limit_passes_counting_characters_not_bytes() {
        // 20,000 two-byte characters: 40,000 bytes, yet within the limit.
        let payload = json!({ "notes": ["é".repeat(MAX_TEXT_CHARS)] });
        assert_eq!(
            check_payload("device_create", &payload),
            Ok(()),
            "the limit counts characters"
        );
    }

    #[test]
    fn an_id_is_a_positive_whole_number() {
        for bad in [
            json!({ "id": -1 }),
            json!({ "ids": [3, 0] }),
            json!({ "filter": { "siteId": -9007199254740992_i64 } }),
        ] {
            let err = check_payload("devices_get", &bad).err();
            assert_eq!(
                err.map(|e| e.code),
                Some(ErrorCode::Malformed),
                "{bad} must be refused as malformed"
            );
        }
        assert_eq!(
            check_payload(
                "devices_get",
                &json!({ "ids": [1, 2], "entityId": 7, "offset": -1 })
            ),
            Ok(()),
            "positive ids pass; a number not named as an id is its command's to check"
        );
    }

    #[test]
    fn files_are_bounded_where_they_are_read() {
        let big = "x".repeat(MAX_TEXT_CHARS * 3);
        assert_eq!(
            check_payload(
                "document_attach",
                &json!({ "input": { "file": { "base64": big } } })
            ),
            Ok(()),
            "an upload's base64 is checked by the upload"
        );
        assert_eq!(
            check_payload("csv_import_devices", &json!({ "data": big })),
            Ok(()),
            "a CSV file may be far longer than a field"
        );
        let err = check_payload("device_create", &json!({ "data": big })).err();
        assert_eq!(
            err.map(|e| e.code),
            Some(ErrorCode::Malformed),
            "only the CSV commands' data is a file"
        );
    }
}
