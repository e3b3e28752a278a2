//! The organisation whose devices and contracts the record keeps.

use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{Result, Store};

/// The organisation as the overview shows it; the full identity (SIREN, VAT, bank
/// details, customer numbers) is [`crate::OrganisationProfile`], saved by
/// [`Store::save_organisation_profile`] over the same row.
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
}
