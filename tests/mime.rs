//! Just enough MIME decoding to read what the SMTP server received: RFC 2047 encoded
//! words in the subject, and quoted-printable or base64 text parts.

use base64::Engine;

fn b64(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// The decoded Subject header of a raw message.
pub fn subject(raw: &str) -> String {
    let mut lines = raw.split("\r\n");
    let mut header = String::new();
    for line in lines.by_ref() {
        if let Some(rest) = line.strip_prefix("Subject: ") {
            header.push_str(rest);
            break;
        }
    }
    for line in lines {
        // Unfolding removes the line break only; the leading blank stays.
        if line.starts_with(' ') || line.starts_with('\t') {
            header.push_str(&line.replace('\t', " "));
        } else {
            break;
        }
    }
    let mut out = String::new();
    let mut previous_encoded = false;
    for word in header.split(' ').filter(|w| !w.is_empty()) {
        let lower = word.to_ascii_lowercase();
        let decoded = if lower.starts_with("=?utf-8?b?") && word.ends_with("?=") {
            Some(b64(&word[10..word.len() - 2]))
        } else if lower.starts_with("=?utf-8?q?") && word.ends_with("?=") {
            Some(qp(&word[10..word.len() - 2].replace('_', " ")))
        } else {
            None
        };
        // RFC 2047: the space between two encoded words is not part of the text.
        let joined = previous_encoded && decoded.is_some();
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        previous_encoded = decoded.is_some();
        out.push_str(&decoded.unwrap_or_else(|| word.to_owned()));
    }
    out
}

fn qp(s: &str) -> String {
    let s = s.replace("=\r\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() + 1 {
            if let Some(v) = std::str::from_utf8(&bytes[i + 1..(i + 3).min(bytes.len())])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The decoded text of the message's text/plain part.
pub fn text_body(raw: &str) -> String {
    let Some(start) = raw.find("Content-Type: text/plain") else {
        return String::new();
    };
    let part = &raw[start..];
    let Some(blank) = part.find("\r\n\r\n") else {
        return String::new();
    };
    let (headers, body) = part.split_at(blank);
    let body = &body[4..];
    let body = match body.find("\r\n--") {
        Some(end) => &body[..end],
        None => body,
    };
    if headers.contains("Content-Transfer-Encoding: base64") {
        b64(body)
    } else if headers.contains("Content-Transfer-Encoding: quoted-printable") {
        qp(body)
    } else {
        body.to_owned()
    }
}
