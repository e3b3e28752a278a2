//! The organisation whose devices and contracts the record keeps.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::{ts, Result, Store};

/// The organisation, as far as issue 2's screens need it; the full identity form
/// (SIREN, VAT, bank details) reads the same row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    /// Always 1: one organisation per database.
    pub id: i64,
    /// Legal name.
    pub legal_name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// What is needed to create the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationInput {
    /// Legal name.
    pub legal_name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Invoice postal address.
    pub invoice_postal_address: String,
    /// The Canon sales contact's email.
    pub sales_contact_email: Option<String>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: r.get(0)?,
        legal_name: r.get(1)?,
        country: r.get(2)?,
    })
}

impl Store {
    /// The organisation, once it has been set up.
    pub fn organisation(&self) -> Result<Option<Organisation>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, legal_name, country FROM organisation WHERE id = 1",
                [],
                from_row,
            )
            .optional()?)
    }

    /// Creates or replaces the organisation's identity.
    pub fn save_organisation(
        &mut self,
        input: &OrganisationInput,
        now: DateTime<Utc>,
    ) -> Result<Organisation> {
        let name = input.legal_name.trim();
        if name.is_empty() {
            return Err(canon_desk_core::Error::Required { field: "legalName" }.into());
        }
        let tx = self.conn.transaction()?;
        let before = tx
            .query_row(
                "SELECT id, legal_name, country FROM organisation WHERE id = 1",
                [],
                from_row,
            )
            .optional()?;
        tx.execute(
            "INSERT INTO organisation (id, legal_name, country, invoice_postal_address, sales_contact_email, created_at, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT(id) DO UPDATE SET legal_name = excluded.legal_name, country = excluded.country,
                 invoice_postal_address = excluded.invoice_postal_address,
                 sales_contact_email = excluded.sales_contact_email, updated_at = excluded.updated_at",
            params![name, input.country.trim().to_ascii_uppercase(), input.invoice_postal_address.trim(), input.sales_contact_email, ts(now)],
        )?;
        let after = tx.query_row(
            "SELECT id, legal_name, country FROM organisation WHERE id = 1",
            [],
            from_row,
        )?;
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
