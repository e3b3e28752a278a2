//! The organisation's full identity: legal identifiers, invoice addresses, the sales
//! contact, Canon's known-good bank details and the Canon customer numbers.
//!
//! Every identifier is checked with the core validators on entry and stored in its
//! normalised form; an error names the field as the interface does (camelCase).

use canon_desk_core::{validate, Problem};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::{ts, Result, Store};

/// Every field of the organisation, as the identity form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationProfile {
    /// Legal name.
    pub legal_name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// French SIREN (9 digits), normalised.
    pub siren: Option<String>,
    /// French SIRET of the head office (14 digits), normalised.
    pub siret: Option<String>,
    /// EU VAT number with its country prefix (`FR…`, `IT…`), normalised.
    pub vat_number: Option<String>,
    /// Postal address invoices are sent to.
    pub invoice_postal_address: String,
    /// Email address invoices are sent to.
    pub invoice_email: Option<String>,
    /// The Canon sales contact's name.
    pub sales_contact_name: Option<String>,
    /// The Canon sales contact's email.
    pub sales_contact_email: Option<String>,
    /// Canon's IBAN as printed on invoices (electronic form), the known-good value.
    pub canon_iban: Option<String>,
    /// Canon's BIC as printed on invoices, the known-good value.
    pub canon_bic: Option<String>,
    /// Canon customer numbers, as printed on invoices.
    pub customer_numbers: Vec<String>,
}

/// Checks and normalises a profile; the first error names its field in camelCase.
pub fn validate_profile(input: &OrganisationProfile) -> Result<OrganisationProfile> {
    let legal_name = input.legal_name.trim().to_owned();
    if legal_name.is_empty() {
        return Err(canon_desk_core::Error::Required { field: "legalName" }.into());
    }
    let country = validate::country(&input.country)?;
    let siren = optional(&input.siren, "siren", validate::siren)?;
    let siret = optional(&input.siret, "siret", validate::siret)?;
    if let (Some(siren), Some(siret)) = (&siren, &siret) {
        if !siret.starts_with(siren.as_str()) {
            return Err(wrong("siret", Problem::SiretNotSiren));
        }
    }
    let vat_number = optional(&input.vat_number, "vatNumber", |v| vat(v, &country))?;
    if let (Some(siren), Some(vat)) = (&siren, &vat_number) {
        if vat.starts_with("FR") && !vat.ends_with(siren.as_str()) {
            return Err(wrong("vatNumber", Problem::VatNotSiren));
        }
    }
    let mut customer_numbers: Vec<String> = Vec::new();
    for number in &input.customer_numbers {
        let number = number.trim();
        if number.is_empty() {
            continue;
        }
        if !number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(wrong("customerNumbers", Problem::CustomerNumberCharacters));
        }
        if !customer_numbers.iter().any(|n| n == number) {
            customer_numbers.push(number.to_owned());
        }
    }
    Ok(OrganisationProfile {
        legal_name,
        country,
        siren,
        siret,
        vat_number,
        invoice_postal_address: input.invoice_postal_address.trim().to_owned(),
        invoice_email: optional(&input.invoice_email, "invoiceEmail", validate::email)?,
        sales_contact_name: input
            .sales_contact_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        sales_contact_email: optional(
            &input.sales_contact_email,
            "salesContactEmail",
            validate::email,
        )?,
        canon_iban: optional(&input.canon_iban, "canonIban", |v| {
            validate::iban(v).map(|i| i.electronic)
        })?,
        canon_bic: optional(&input.canon_bic, "canonBic", validate::bic)?,
        customer_numbers,
    })
}

/// A VAT number: with a prefix, any EU shape; without one, read as the organisation's
/// country's (Partita IVA for Italy, TVA for France).
fn vat(value: &str, country: &str) -> canon_desk_core::Result<String> {
    let starts_with_letter = value
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic());
    if starts_with_letter {
        return validate::eu_vat(value).map(|v| v.number);
    }
    match country {
        "IT" => validate::partita_iva(value).map(|p| format!("IT{p}")),
        "FR" => validate::tva_fr(&format!("FR{value}")),
        _ => validate::eu_vat(&format!("{country}{value}")).map(|v| v.number),
    }
}

/// Runs a validator on an optional value, renaming the error's field to the form's.
fn optional(
    value: &Option<String>,
    field: &'static str,
    check: impl Fn(&str) -> canon_desk_core::Result<String>,
) -> Result<Option<String>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => check(v).map(Some).map_err(|e| rename(e, field)),
    }
}

/// The same error, pointing at the form's field name.
fn rename(e: canon_desk_core::Error, field: &'static str) -> crate::Error {
    e.on(field).into()
}

fn wrong(field: &'static str, problem: Problem) -> crate::Error {
    canon_desk_core::Error::Wrong { field, problem }.into()
}

pub(crate) fn load(conn: &Connection) -> Result<Option<OrganisationProfile>> {
    let row = conn
        .query_row(
            "SELECT legal_name, country, siren, siret, vat_number, invoice_postal_address,
                    invoice_email, sales_contact_name, sales_contact_email, canon_iban, canon_bic
             FROM organisation WHERE id = 1",
            [],
            |r| {
                Ok(OrganisationProfile {
                    legal_name: r.get(0)?,
                    country: r.get(1)?,
                    siren: r.get(2)?,
                    siret: r.get(3)?,
                    vat_number: r.get(4)?,
                    invoice_postal_address: r.get(5)?,
                    invoice_email: r.get(6)?,
                    sales_contact_name: r.get(7)?,
                    sales_contact_email: r.get(8)?,
                    canon_iban: r.get(9)?,
                    canon_bic: r.get(10)?,
                    customer_numbers: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut profile) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached("SELECT number FROM customer_numbers ORDER BY id")?;
    profile.customer_numbers = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(profile))
}

impl Store {
    /// The organisation's full identity, once it has been set up.
    pub fn organisation_profile(&self) -> Result<Option<OrganisationProfile>> {
        load(&self.conn)
    }

    /// Validates and saves the whole identity, customer numbers included, in one
    /// transaction with its audit entry.
    pub fn save_organisation_profile(
        &mut self,
        input: &OrganisationProfile,
        now: DateTime<Utc>,
    ) -> Result<OrganisationProfile> {
        let p = validate_profile(input)?;
        let tx = self.conn.savepoint()?;
        let before = load(&tx)?;
        tx.execute(
            "INSERT INTO organisation (id, legal_name, country, siren, siret, vat_number,
                 invoice_postal_address, invoice_email, sales_contact_name, sales_contact_email,
                 canon_iban, canon_bic, created_at, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
             ON CONFLICT(id) DO UPDATE SET legal_name = excluded.legal_name,
                 country = excluded.country, siren = excluded.siren, siret = excluded.siret,
                 vat_number = excluded.vat_number,
                 invoice_postal_address = excluded.invoice_postal_address,
                 invoice_email = excluded.invoice_email,
                 sales_contact_name = excluded.sales_contact_name,
                 sales_contact_email = excluded.sales_contact_email,
                 canon_iban = excluded.canon_iban, canon_bic = excluded.canon_bic,
                 updated_at = excluded.updated_at",
            params![
                p.legal_name,
                p.country,
                p.siren,
                p.siret,
                p.vat_number,
                p.invoice_postal_address,
                p.invoice_email,
                p.sales_contact_name,
                p.sales_contact_email,
                p.canon_iban,
                p.canon_bic,
                ts(now)
            ],
        )?;
        // Customer numbers are a set: the ones no longer listed go, new ones are added,
        // and kept ones keep their row (and creation date).
        let kept = serde_json::to_string(&p.customer_numbers).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "DELETE FROM customer_numbers WHERE number NOT IN (SELECT value FROM json_each(?1))",
            [&kept],
        )?;
        for number in &p.customer_numbers {
            tx.execute(
                "INSERT INTO customer_numbers (number, created_at) VALUES (?1, ?2)
                 ON CONFLICT(number) DO NOTHING",
                params![number, ts(now)],
            )?;
        }
        let after = load(&tx)?.ok_or(crate::Error::NotFound {
            entity: "organisation",
            id: 1,
        })?;
        let action = if before.is_some() {
            Action::Update
        } else {
            Action::Create
        };
        audit::record(
            &tx,
            now,
            "organisation",
            1,
            action,
            before.as_ref(),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }
}
