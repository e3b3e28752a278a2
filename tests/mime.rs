//! Reading what the test SMTP server received, through the `mail-parser` crate:
//! the decoded subject, the text body and the attachments with their names.

use mail_parser::{MessageParser, MimeHeaders};

/// The decoded Subject header of a raw message ("" when there is none).
pub fn subject(raw: &str) -> String {
    MessageParser::default()
        .parse(raw.as_bytes())
        .and_then(|m| m.subject().map(str::to_owned))
        .unwrap_or_default()
}

/// The decoded plain-text body of a raw message ("" when there is none).
pub fn text_body(raw: &str) -> String {
    MessageParser::default()
        .parse(raw.as_bytes())
        .and_then(|m| m.body_text(0).map(|b| b.into_owned()))
        .unwrap_or_default()
}

/// The attachments of a raw message: (file name, decoded bytes), in order.
pub fn attachments(raw: &str) -> Vec<(String, Vec<u8>)> {
    let Some(message) = MessageParser::default().parse(raw.as_bytes()) else {
        return Vec::new();
    };
    message
        .attachments()
        .map(|a| {
            (
                a.attachment_name().unwrap_or_default().to_owned(),
                a.contents().to_vec(),
            )
        })
        .collect()
}
