//! Creating a request from a wizard: identifiers prefilled from the records, the
//! French message, the recipient, the lead time and the warnings.

use canon_desk_core::catalogue::{Identifier, LeadTime, Recipient, Situation};
use canon_desk_core::email_fr::{self, Message, RequestFacts};
use canon_desk_core::lead_time::{self, LeadTimeStatus};
use canon_desk_core::validate;

use crate::documents::DOCUMENTS_DIR;
use crate::upload::{safe_label, Upload};
use canon_desk_store::{Attachment, Request, RequestChannel, RequestDraft};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use serde::{Deserialize, Serialize};

use super::summary::{summarise, Summary};
use crate::{Ctx, Error, ErrorCode, Result};

/// One counter read on the device, for a meter-reading request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CounterInput {
    /// The counter (`black`, `colour` ...), as the device's readings name it.
    pub counter: String,
    /// Its value now.
    pub value: i64,
}

/// A file to attach, as [`stage_attachment`] returned it: the content hash of a file
/// kept in the data folder's documents and the name the user chose it under. The
/// interface never names a path; a hash that names no stored file, a name that is not
/// a plain file name, or an unknown kind is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentInput {
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// The name the user chose the file under (its last component only).
    pub file_name: String,
    /// `kbis`, `meter_reading_page` or `other`.
    pub kind: String,
}

/// The kinds of file a request carries.
const ATTACHMENT_KINDS: [&str; 3] = ["kbis", "meter_reading_page", "other"];

/// Keeps a file chosen in the wizard (a K-bis, a meter-reading page) in the data
/// directory's documents under its content hash, and returns it ready for
/// [`DraftInput::attachments`]. It becomes a document of the request when the request
/// is created (so backups carry it), and travels with it under the user's name.
pub async fn stage_attachment(ctx: &Ctx, file: Upload, kind: String) -> Result<AttachmentInput> {
    if !ATTACHMENT_KINDS.contains(&kind.as_str()) {
        return Err(invalid(
            "attachments",
            format!("unknown attachment kind {kind:?}"),
        ));
    }
    let staged = crate::upload::stage(ctx, &file)?;
    let docs = ctx.data_dir().join(DOCUMENTS_DIR);
    let (sha256, _size) = canon_desk_store::store_blob(&docs, staged.path())?;
    Ok(AttachmentInput {
        sha256,
        file_name: staged.label().to_owned(),
        kind,
    })
}

/// Checks what the interface sent for one attachment: a known kind, a plain file
/// name, and a hash that names a file already stored.
fn checked_attachment(ctx: &Ctx, a: &AttachmentInput) -> Result<Attachment> {
    if !ATTACHMENT_KINDS.contains(&a.kind.as_str()) {
        return Err(invalid(
            "attachments",
            format!("unknown attachment kind {:?}", a.kind),
        ));
    }
    if a.file_name != safe_label(&a.file_name) {
        return Err(invalid(
            "attachments",
            format!("{:?} is not a plain file name", a.file_name),
        ));
    }
    canon_desk_store::blob_path(&ctx.data_dir().join(DOCUMENTS_DIR), &a.sha256)?;
    Ok(Attachment {
        sha256: Some(a.sha256.clone()),
        path: None,
        file_name: a.file_name.clone(),
        kind: a.kind.clone(),
    })
}

/// Name of the folder where requests made before attachments were documents kept
/// their files; sending such a request still reads them from there (and only there).
pub const ATTACHMENTS_DIR: &str = "attachments";

/// What a wizard gathered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DraftInput {
    /// The situation; `None` is refused.
    pub situation: Option<Situation>,
    /// The device concerned; its serial number fills the facts.
    pub device_id: Option<i64>,
    /// The contract concerned; its numbers fill the facts.
    pub contract_id: Option<i64>,
    /// When the change takes effect, or the date on Canon's meter-reading request.
    pub effective_on: Option<NaiveDate>,
    /// What the user typed; blanks are filled from the records.
    pub facts: RequestFacts,
    /// The address printed on Canon's meter-reading request.
    pub request_address: Option<String>,
    /// Counters, for a meter-reading request.
    pub counters: Vec<CounterInput>,
    /// Files to attach (meter-reading page, K-bis).
    pub attachments: Vec<AttachmentInput>,
    /// For a change of billing entity: the new entity's name, as on its K-bis; the
    /// contracts covering the device take it when the request is completed.
    pub new_billing_entity: Option<String>,
}

/// Something the user should read before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// The date by which Canon had to be told has passed; sending now is still allowed.
    DeadlinePassed,
    /// The invoice address looks like a person's; Canon asks for a role address.
    PersonalInvoiceEmail,
    /// Without the readings Canon bills an estimate, which cannot be disputed once issued.
    EstimatedInvoiceFinal,
    /// No sales-contact address is recorded, so the email has no recipient yet.
    NoSalesContact,
}

/// A request ready for review: the stored request plus what the wizard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Prepared {
    /// The stored request (its subject and body are the French message).
    pub request: Request,
    /// The French message, when the situation goes by email.
    pub message: Option<Message>,
    /// What the message says, in English and Italian.
    pub summary: Summary,
    /// Where the lead time stands, for "1 month before" situations.
    pub lead_time: Option<LeadTimeStatus>,
    /// Required identifiers still missing.
    pub missing: Vec<Identifier>,
    /// What to read before sending.
    pub warnings: Vec<Warning>,
}

/// The wizard input a request was created from, without its attachments: the
/// request's own list is the one that counts, and requests made before attachments
/// were documents stored them in another shape (`{ path, kind }`).
pub(crate) fn stored_input(request: &Request) -> Result<DraftInput> {
    let unreadable = |e: serde_json::Error| {
        Error::internal(format!("request {} facts unreadable: {e}", request.id))
    };
    let mut value: serde_json::Value =
        serde_json::from_str(&request.draft.facts_json).map_err(unreadable)?;
    if let Some(input) = value.as_object_mut() {
        input.insert(
            "attachments".to_owned(),
            serde_json::Value::Array(Vec::new()),
        );
    }
    serde_json::from_value(value).map_err(unreadable)
}

fn invalid(field: &str, message: String) -> Error {
    Error {
        code: ErrorCode::Validation,
        message,
        field: Some(field.to_owned()),
    }
}

/// Today in Paris, the zone that governs Canon France's deadlines.
pub(crate) fn today_paris(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Paris).date_naive()
}

/// Creates a request from the wizard's input and returns it prepared for review.
pub async fn create(ctx: &Ctx, mut input: DraftInput) -> Result<Prepared> {
    let situation = input
        .situation
        .ok_or_else(|| invalid("situation", "a situation is required".into()))?;
    let now = ctx.now();
    let mut store = ctx.store();
    let contacts = store.canon_contacts()?;
    let facts = &mut input.facts;
    if facts.organisation.trim().is_empty() {
        if let Some(org) = store.organisation()? {
            facts.organisation = org.legal_name;
        }
    }
    if let Some(id) = input.device_id {
        let device = store.device(id)?;
        facts.serial_number.get_or_insert(device.serial);
    }
    if let Some(id) = input.contract_id {
        let contract = store
            .list_contracts()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(canon_desk_store::Error::NotFound {
                entity: "contract",
                id,
            })?;
        facts.contract_number.get_or_insert(contract.number);
        if !contract.customer_number.is_empty() {
            facts
                .customer_number
                .get_or_insert(contract.customer_number);
        }
        if let Some(po) = contract.po_number {
            if situation != Situation::ChangePoNumber {
                facts.po_number.get_or_insert(po);
            }
        }
    }
    let mut warnings = Vec::new();
    if situation == Situation::AnswerMeterReadingRequest {
        warnings.push(Warning::EstimatedInvoiceFinal);
        if let Some(device_id) = input.device_id {
            let readings = store.list_readings(device_id)?;
            for c in &input.counters {
                let last = readings.iter().find(|r| r.counter == c.counter);
                if let Some(last) = last.filter(|last| c.value < last.value) {
                    return Err(invalid(
                        &format!("counters.{}", c.counter),
                        format!(
                            "counter {} reads {}, below the last reading {} of {}",
                            c.counter, c.value, last.value, last.read_on
                        ),
                    ));
                }
            }
        }
        if !input.counters.is_empty() {
            let lines: Vec<String> = input
                .counters
                .iter()
                .map(|c| email_fr::counter_line(&c.counter, c.value))
                .collect();
            facts.meter_readings = Some(lines.join(", "));
        }
    }
    if let Some(email) = facts
        .invoice_email
        .as_deref()
        .filter(|e| !e.trim().is_empty())
    {
        validate::email(email).map_err(Error::from)?;
        if validate::looks_personal(email) {
            warnings.push(Warning::PersonalInvoiceEmail);
        }
    }
    let attachments = input
        .attachments
        .iter()
        .map(|a| checked_attachment(ctx, a))
        .collect::<Result<Vec<Attachment>>>()?;
    for a in &attachments {
        match a.kind.as_str() {
            "kbis" => input.facts.kbis_document = Some(a.file_name.clone()),
            "meter_reading_page" => input.facts.meter_reading_page = Some(a.file_name.clone()),
            _ => {}
        }
    }
    let entry = situation.entry();
    let recipient = match entry.email_recipient() {
        Some(Recipient::Fixed(address)) => Some(address.to_owned()),
        Some(Recipient::SalesContact) => {
            let found = contacts
                .sales_contact_email
                .clone()
                .filter(|e| !e.trim().is_empty());
            if found.is_none() {
                warnings.push(Warning::NoSalesContact);
            }
            found
        }
        Some(Recipient::AddressOnRequest) => input.request_address.clone(),
        None => None,
    };
    let lead_time = match (entry.lead_time, input.effective_on) {
        (LeadTime::OneMonthBefore, Some(effective)) => {
            Some(lead_time::status(effective, today_paris(now))?)
        }
        _ => None,
    };
    if lead_time.is_some_and(|l| l.passed) {
        warnings.push(Warning::DeadlinePassed);
    }
    input.facts.effective_date = input.effective_on;
    let message = email_fr::compose(situation, &input.facts);
    let facts_json = serde_json::to_string(&input)
        .map_err(|e| Error::internal(format!("encoding the wizard input: {e}")))?;
    let draft = RequestDraft {
        situation,
        channel: if entry.email_recipient().is_some() {
            None
        } else {
            Some(RequestChannel::Phone)
        },
        device_id: input.device_id,
        contract_id: input.contract_id,
        effective_on: input.effective_on,
        notify_by: match entry.lead_time {
            LeadTime::OneMonthBefore => lead_time.map(|l| l.notify_by),
            LeadTime::ByRequestDate => input.effective_on,
            LeadTime::None => None,
        },
        recipient,
        subject: message
            .as_ref()
            .map(|m| m.subject.clone())
            .unwrap_or_default(),
        body: message.as_ref().map(|m| m.body.clone()).unwrap_or_default(),
        facts_json,
        attachments,
    };
    let request = store.create_request(&draft, &ctx.data_dir().join(DOCUMENTS_DIR), now)?;
    Ok(Prepared {
        missing: input.facts.missing(situation),
        summary: summarise(situation, &input.facts),
        request,
        message,
        lead_time,
        warnings,
    })
}

/// Replaces the subject and body the user reviewed, before sending or retrying.
pub async fn edit_message(ctx: &Ctx, id: i64, subject: String, body: String) -> Result<Request> {
    let now = ctx.now();
    let mut store = ctx.store();
    let mut draft = store.request(id)?.draft;
    draft.subject = subject;
    draft.body = body;
    Ok(store.update_request(id, &draft, now)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap_or_default()
    }

    fn day(y: i32, mo: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap_or_default()
    }

    #[test]
    fn the_day_turns_at_paris_midnight_on_both_sides_of_each_change() {
        let cases = [
            // Winter (UTC+1): 23:30 UTC is already the next day in Paris.
            (utc(2027, 3, 27, 22, 59), day(2027, 3, 27)),
            (utc(2027, 3, 27, 23, 0), day(2027, 3, 28)),
            // 28 March 2027, clocks go forward at 01:00 UTC; summer is UTC+2.
            (utc(2027, 3, 28, 21, 59), day(2027, 3, 28)),
            (utc(2027, 3, 28, 22, 0), day(2027, 3, 29)),
            // 31 October 2027, clocks go back at 01:00 UTC.
            (utc(2027, 10, 30, 21, 59), day(2027, 10, 30)),
            (utc(2027, 10, 30, 22, 0), day(2027, 10, 31)),
            (utc(2027, 10, 31, 22, 59), day(2027, 10, 31)),
            (utc(2027, 10, 31, 23, 0), day(2027, 11, 1)),
        ];
        for (now, expected) in cases {
            assert_eq!(
                today_paris(now),
                expected,
                "at {now} it is {expected} in Paris"
            );
        }
    }
}
