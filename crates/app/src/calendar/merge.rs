//! Merging our new version of an event with the one a user edited on the server.
//!
//! When the server reports that an event changed since we wrote it (412
//! Precondition Failed), the user has touched it in their calendar app: added a
//! note, a location, moved or added an alarm. We re-read it and write back their
//! version with only what is ours replaced: the date, the title, the UID, the
//! sequence and the stamp. Alarms are ours as long as the user left them as we sent
//! them; once they changed them, theirs stay. Everything else the user added stays
//! as the server has it. Plain text work on RFC 5545 lines, no I/O.

/// The properties of a VEVENT that Canon Desk writes and keeps writing.
const OURS: [&str; 7] = [
    "UID", "DTSTAMP", "SEQUENCE", "SUMMARY", "DTSTART", "DTEND", "DURATION",
];

/// Unfolds RFC 5545 content lines (a line starting with a space or a tab continues
/// the previous one).
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = lines.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        if !raw.is_empty() {
            lines.push(raw.to_owned());
        }
    }
    lines
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

/// A property's name: what comes before the first `;` or `:`, upper-cased.
fn name(line: &str) -> String {
    line.split([';', ':'])
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// A property's value: what comes after the first `:` outside a quoted parameter.
fn value(line: &str) -> &str {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return &line[i + 1..],
            _ => {}
        }
    }
    ""
}

/// One VEVENT split into its own properties and its sub-components (alarms).
#[derive(Debug, Default)]
struct EventParts {
    /// Lines of the calendar before the event (VCALENDAR header, time zones).
    before: Vec<String>,
    /// The event's own properties.
    properties: Vec<String>,
    /// Each alarm, from BEGIN:VALARM to END:VALARM.
    alarms: Vec<Vec<String>>,
    /// Other sub-components of the event, kept as they are.
    others: Vec<Vec<String>>,
    /// Lines after the event (other events, END:VCALENDAR).
    after: Vec<String>,
}

fn split(text: &str) -> EventParts {
    let mut parts = EventParts::default();
    let mut stage = 0; // 0 before, 1 inside the first VEVENT, 2 after
    let mut sub: Option<Vec<String>> = None;
    for line in unfold(text) {
        let upper = line.to_ascii_uppercase();
        match stage {
            0 if upper == "BEGIN:VEVENT" => stage = 1,
            0 => parts.before.push(line),
            1 if upper == "END:VEVENT" && sub.is_none() => stage = 2,
            1 => {
                if let Some(lines) = sub.as_mut() {
                    let end = upper.starts_with("END:");
                    lines.push(line);
                    if end {
                        let lines = sub.take().unwrap_or_default();
                        if lines
                            .first()
                            .is_some_and(|l| l.eq_ignore_ascii_case("BEGIN:VALARM"))
                        {
                            parts.alarms.push(lines);
                        } else {
                            parts.others.push(lines);
                        }
                    }
                } else if upper.starts_with("BEGIN:") {
                    sub = Some(vec![line]);
                } else {
                    parts.properties.push(line);
                }
            }
            _ => parts.after.push(line),
        }
    }
    parts
}

/// The instants or offsets of a set of alarms, sorted: what tells whether the user
/// changed them (a server may rewrite the lines around them).
fn triggers(alarms: &[Vec<String>]) -> Vec<String> {
    let mut found: Vec<String> = alarms
        .iter()
        .flat_map(|a| a.iter())
        .filter(|l| name(l) == "TRIGGER")
        .map(|l| value(l).trim().to_owned())
        .collect();
    found.sort();
    found
}

fn sequence(properties: &[String]) -> u64 {
    properties
        .iter()
        .find(|l| name(l) == "SEQUENCE")
        .and_then(|l| value(l).trim().parse().ok())
        .unwrap_or(0)
}

/// Our new event `ours`, laid over the server's `theirs`: our properties replace
/// theirs, theirs that are not ours stay; our alarms replace theirs unless the user
/// changed them since `base` (what we last sent; when it is unknown, after an answer
/// lost before it was recorded, the alarms follow the deadline). The sequence never
/// goes back.
pub(crate) fn merge(ours: &str, theirs: &str, base: Option<&str>) -> String {
    let ours = split(ours);
    let theirs = split(theirs);
    if theirs.properties.is_empty() && theirs.alarms.is_empty() {
        // Not an event we can read: ours stands.
        return join(&ours, ours.properties.clone(), &ours.alarms);
    }
    let user_changed_alarms =
        base.is_some_and(|b| triggers(&theirs.alarms) != triggers(&split(b).alarms));
    let seq = sequence(&ours.properties).max(sequence(&theirs.properties));
    let mut properties: Vec<String> = ours
        .properties
        .iter()
        .filter(|l| name(l) != "SEQUENCE")
        .cloned()
        .collect();
    properties.push(format!("SEQUENCE:{seq}"));
    properties.extend(
        theirs
            .properties
            .iter()
            .filter(|l| !OURS.contains(&name(l).as_str()))
            .cloned(),
    );
    let mut merged = theirs;
    let alarms = if user_changed_alarms {
        std::mem::take(&mut merged.alarms)
    } else {
        ours.alarms
    };
    let others = std::mem::take(&mut merged.others);
    let mut text = join(&merged, properties, &alarms);
    if !others.is_empty() {
        // Rare (a client's own sub-component): put it back inside the event.
        let extra: String = others.iter().flatten().fold(String::new(), |mut acc, l| {
            fold(l, &mut acc);
            acc
        });
        text = text.replacen("END:VEVENT\r\n", &format!("{extra}END:VEVENT\r\n"), 1);
    }
    text
}

fn join(parts: &EventParts, properties: Vec<String>, alarms: &[Vec<String>]) -> String {
    let mut out = String::new();
    for line in &parts.before {
        fold(line, &mut out);
    }
    fold("BEGIN:VEVENT", &mut out);
    for line in &properties {
        fold(line, &mut out);
    }
    for line in alarms.iter().flatten() {
        fold(line, &mut out);
    }
    fold("END:VEVENT", &mut out);
    for line in &parts.after {
        fold(line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENT: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:CANON-DESK\r\nBEGIN:VEVENT\r\n\
UID:request:1:follow_up@canon-desk\r\nDTSTAMP:20261201T080000Z\r\nSEQUENCE:0\r\n\
SUMMARY:Follow up with Canon France\r\nDTSTART:20261210T080000Z\r\nDTEND:20261210T083000Z\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;VALUE=DATE-TIME:20261203T080000Z\r\nDESCRIPTION:x\r\nEND:VALARM\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n";

    fn moved() -> String {
        SENT.replace("DTSTART:20261210T080000Z", "DTSTART:20261217T080000Z")
            .replace("DTEND:20261210T083000Z", "DTEND:20261217T083000Z")
            .replace("SEQUENCE:0", "SEQUENCE:1")
            .replace("20261203T080000Z", "20261210T080000Z")
    }

    #[test]
    fn a_note_added_on_the_server_survives_our_move() {
        let theirs = SENT.replace(
            "END:VALARM\r\nEND:VEVENT",
            "END:VALARM\r\nDESCRIPTION:Call Marie\\, ext. 12\r\nLOCATION:Office\r\nEND:VEVENT",
        );
        let merged = merge(&moved(), &theirs, Some(SENT));
        assert!(
            merged.contains("DESCRIPTION:Call Marie\\, ext. 12\r\n")
                && merged.contains("LOCATION:Office\r\n"),
            "the user's note and location stay:\n{merged}"
        );
        assert!(
            merged.contains("DTSTART:20261217T080000Z")
                && !merged.contains("DTSTART:20261210T080000Z"),
            "our new date replaces the old one:\n{merged}"
        );
        assert!(
            merged.contains("TRIGGER;VALUE=DATE-TIME:20261210T080000Z")
                && !merged.contains("20261203T080000Z"),
            "alarms the user left alone follow the deadline:\n{merged}"
        );
        assert_eq!(
            merged.matches("BEGIN:VEVENT").count(),
            1,
            "still one event:\n{merged}"
        );
    }

    #[test]
    fn an_alarm_the_user_moved_stays_where_they_put_it() {
        let theirs = SENT
            .replace("TRIGGER;VALUE=DATE-TIME:20261203T080000Z", "TRIGGER:-PT2H")
            .replace("SEQUENCE:0", "SEQUENCE:4");
        let merged = merge(&moved(), &theirs, Some(SENT));
        assert!(
            merged.contains("TRIGGER:-PT2H") && !merged.contains("20261210T080000Z\r\nDESC"),
            "the user's alarm is kept, ours not forced back:\n{merged}"
        );
        assert!(
            merged.contains("SEQUENCE:4\r\n"),
            "the sequence never goes back:\n{merged}"
        );
    }

    #[test]
    fn long_lines_are_unfolded_then_folded_again() {
        let long = format!("DESCRIPTION:{}", "é".repeat(60));
        let mut folded = String::new();
        fold(&long, &mut folded);
        assert!(
            folded.split("\r\n").all(|l| l.len() <= 75),
            "no line longer than 75 octets: {folded:?}"
        );
        assert_eq!(unfold(&folded), vec![long], "unfolding gives the line back");
    }
}
