//! The weekly digest: once a week, on the day the user chose, an email through the
//! configured SMTP server listing what is overdue and what falls due within the
//! coming fortnight, in the user's language.
//!
//! The week it went in is recorded before it goes (as the reminder engine records a
//! firing before showing it), so a restart never sends a second one the same week; a
//! delivery that fails gives the week back and is tried again an hour later.

use canon_desk_core::publishing::{digest_due, digest_sections};
use chrono::{DateTime, Duration, Local, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::mailer::{build_message, FailureCode};
use crate::reminders::line;
use crate::settings::Locale;
use crate::{smtp_settings, Ctx, Error, ErrorCode, Result};

/// The setting that holds the digest's choices.
const SETTING_KEY: &str = "calendar.digest";
/// The setting that holds the ISO week the last digest went in (`2026-W49`).
const LAST_WEEK_KEY: &str = "calendar.digest_last_week";
/// The setting that holds when a failed digest may be tried again.
const NOT_BEFORE_KEY: &str = "calendar.digest_not_before";
/// How long after a failed delivery the digest is tried again.
const RETRY_AFTER: Duration = Duration::hours(1);

/// The digest's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DigestSettings {
    /// Whether it is sent.
    pub enabled: bool,
    /// The day of the week it goes, 1 (Monday) to 7 (Sunday).
    pub weekday: u8,
    /// Who receives it; the sender address of the SMTP settings when empty.
    pub recipient: String,
}

impl Default for DigestSettings {
    fn default() -> Self {
        DigestSettings {
            enabled: false,
            weekday: 1,
            recipient: String::new(),
        }
    }
}

/// What a call to [`digest_if_due`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DigestRun {
    /// Nothing to do now (off, not the day yet, already sent this week, or waiting
    /// after a failure).
    NotDue,
    /// Sent for this week.
    Sent {
        /// The ISO week it went in.
        week: String,
    },
    /// It could not go; tried again in an hour.
    Failed {
        /// Why.
        code: FailureCode,
        /// The server's or the network's words.
        reason: String,
    },
}

fn weekday(n: u8) -> Option<Weekday> {
    (1..=7)
        .contains(&n)
        .then(|| Weekday::try_from(n - 1).ok())
        .flatten()
}

/// The digest's choices.
pub async fn settings(ctx: &Ctx) -> Result<DigestSettings> {
    Ok(ctx
        .store()
        .setting(SETTING_KEY)?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// Saves the digest's choices: a day from 1 to 7; to turn it on, an SMTP server and
/// a recipient that is an address (or none, for the sender's).
pub async fn save_settings(ctx: &Ctx, mut choice: DigestSettings) -> Result<DigestSettings> {
    let invalid = |field: &str, message: &str| Error {
        code: ErrorCode::Validation,
        message: message.to_owned(),
        field: Some(field.to_owned()),
    };
    if weekday(choice.weekday).is_none() {
        return Err(invalid(
            "weekday",
            "the day must be 1 (Monday) to 7 (Sunday)",
        ));
    }
    choice.recipient = choice.recipient.trim().to_owned();
    if !choice.recipient.is_empty() {
        canon_desk_core::validate::email(&choice.recipient)
            .map_err(|_| invalid("recipient", "the recipient is not an email address"))?;
    }
    if choice.enabled && smtp_settings::config(ctx)?.is_none() {
        return Err(smtp_settings::not_configured());
    }
    let json = serde_json::to_string(&choice)
        .map_err(|e| Error::internal(format!("encoding the digest settings: {e}")))?;
    ctx.store().set_setting(SETTING_KEY, &json)?;
    Ok(choice)
}

/// The subject and text of the digest of `rows` on `now`, in `locale`.
pub(crate) fn compose(
    rows: &[canon_desk_store::DeadlineRow],
    locale: Locale,
    now: DateTime<Utc>,
) -> (String, String) {
    let due = |r: &canon_desk_store::DeadlineRow| {
        DateTime::parse_from_rfc3339(&r.due_at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    };
    let (overdue, coming) = digest_sections(rows, due, now);
    let day = now.with_timezone(&Local).date_naive();
    let subject = match locale {
        Locale::En => format!(
            "Canon Desk: your deadlines, week of {}",
            day.format("%d/%m/%Y")
        ),
        Locale::Fr => format!(
            "Canon Desk\u{a0}: vos échéances, semaine du {}",
            day.format("%d/%m/%Y")
        ),
        Locale::It => format!(
            "Canon Desk: le tue scadenze, settimana del {}",
            day.format("%d/%m/%Y")
        ),
    };
    let (overdue_title, coming_title, nothing, closing) = match locale {
        Locale::En => (
            "Overdue:",
            "Due in the next two weeks:",
            "Nothing is overdue and nothing falls due in the next two weeks.",
            "Open Canon Desk to act on them, snooze them or mark them done.",
        ),
        Locale::Fr => (
            "En retard\u{a0}:",
            "À échéance dans les deux prochaines semaines\u{a0}:",
            "Rien n’est en retard et rien n’arrive à échéance dans les deux prochaines semaines.",
            "Ouvrez Canon Desk pour les traiter, les reporter ou les marquer comme faites.",
        ),
        Locale::It => (
            "Scadute:",
            "In scadenza nelle prossime due settimane:",
            "Niente è scaduto e niente scade nelle prossime due settimane.",
            "Apri Canon Desk per gestirle, posticiparle o segnarle come fatte.",
        ),
    };
    let mut body = String::new();
    for (title, items) in [(overdue_title, &overdue), (coming_title, &coming)] {
        if items.is_empty() {
            continue;
        }
        body.push_str(title);
        body.push('\n');
        for row in items.iter() {
            body.push_str("- ");
            body.push_str(&line(row, locale, now));
            body.push('\n');
        }
        body.push('\n');
    }
    if overdue.is_empty() && coming.is_empty() {
        body.push_str(nothing);
        body.push('\n');
    } else {
        body.push_str(closing);
        body.push('\n');
    }
    (subject, body)
}

/// Sends the week's digest when it is due: safe to call as often as wished (at start
/// and on every scheduler tick); it goes at most once per week, across restarts.
pub async fn digest_if_due(ctx: &Ctx) -> Result<DigestRun> {
    let choice = settings(ctx).await?;
    let Some(day) = weekday(choice.weekday).filter(|_| choice.enabled) else {
        return Ok(DigestRun::NotDue);
    };
    let Ok(_sending) = ctx.digest_busy().try_lock() else {
        return Ok(DigestRun::NotDue);
    };
    let now = ctx.now();
    let (last_week, not_before) = {
        let store = ctx.store();
        (
            store.setting(LAST_WEEK_KEY)?,
            store.setting(NOT_BEFORE_KEY)?,
        )
    };
    let waiting = not_before
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .is_some_and(|t| t > now);
    let today = now.with_timezone(&Local).date_naive();
    let Some(week) = digest_due(today, day, last_week.as_deref()).filter(|_| !waiting) else {
        return Ok(DigestRun::NotDue);
    };
    let Some(config) = smtp_settings::config(ctx)? else {
        // Turned on with a server that was removed since: nothing can go, and saying
        // so every tick would only fill the log. Settings asks for a server again.
        return Ok(DigestRun::NotDue);
    };
    let password = smtp_settings::password(ctx, &config).await?;
    let locale = crate::settings::get(ctx)
        .await?
        .locale
        .unwrap_or(Locale::En);
    let rows: Vec<_> = ctx
        .store()
        .deadlines(now)?
        .into_iter()
        .filter(super::is_published)
        .collect();
    let (subject, body) = compose(&rows, locale, now);
    let to = if choice.recipient.is_empty() {
        config.from_address.clone()
    } else {
        choice.recipient.clone()
    };
    let message_id = crate::mailer::new_message_id(&config.from_address);
    let message = build_message(
        &config,
        &crate::mailer::Letter {
            to: &to,
            subject: &subject,
            body: &body,
            attachments: &[],
            message_id: &message_id,
            date: now,
        },
    )?;
    // Recorded before it goes: a crash in between loses this week's digest rather
    // than sending it twice.
    ctx.store().set_setting(LAST_WEEK_KEY, &week)?;
    match ctx
        .mailer()
        .deliver(&config, password.as_deref(), &message)
        .await
    {
        Ok(()) => {
            tracing::info!(%week, "weekly digest sent");
            Ok(DigestRun::Sent { week })
        }
        Err(f) => {
            let store = ctx.store();
            match &last_week {
                Some(last) => store.set_setting(LAST_WEEK_KEY, last)?,
                None => store.remove_setting(LAST_WEEK_KEY)?,
            }
            let retry = (ctx.now() + RETRY_AFTER).to_rfc3339();
            store.set_setting(NOT_BEFORE_KEY, &retry)?;
            tracing::warn!(code = f.code.as_str(), reason = %f.reason, "weekly digest not sent");
            Ok(DigestRun::Failed {
                code: f.code,
                reason: f.reason,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use canon_desk_core::deadlines::DeadlineKind;

    use crate::reminders::tests::row;

    #[test]
    fn the_digest_says_what_is_late_and_what_comes_in_the_users_language() {
        let now = "2026-12-01T08:00:00Z".parse().unwrap_or_default();
        let rows = vec![
            row(
                DeadlineKind::ContractNotice,
                "CT-9",
                "2026-12-05T08:00:00.000Z",
            ),
            row(DeadlineKind::PoRenewal, "CT-1", "2026-11-20T08:00:00.000Z"),
            row(
                DeadlineKind::ContractEnd,
                "CT-7",
                "2027-03-01T08:00:00.000Z",
            ),
        ];
        let (subject, body) = compose(&rows, Locale::Fr, now);
        assert!(
            subject.starts_with("Canon Desk\u{a0}: vos échéances"),
            "a French subject with its no-break space: {subject}"
        );
        let late = body.find("En retard\u{a0}:");
        let coming = body.find("À échéance dans les deux prochaines semaines\u{a0}:");
        assert!(
            late.is_some() && coming.is_some() && late < coming,
            "overdue first, then the fortnight:\n{body}"
        );
        assert!(
            body.contains("CT-1") && body.contains("CT-9") && !body.contains("CT-7"),
            "the PO and the notice are listed, the end in March is not:\n{body}"
        );
        let (_, empty) = compose(&[], Locale::It, now);
        assert!(
            empty.starts_with("Niente è scaduto"),
            "an empty week says so, in Italian: {empty}"
        );
    }
}
