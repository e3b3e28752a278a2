//! Sites: the addresses where devices stand.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action};
use crate::{ts, Result, Store};

/// A place where the organisation has devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Site {
    /// Row id.
    pub id: i64,
    /// Short name the user knows it by ("Head office").
    pub name: String,
    /// Street address.
    pub address: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// What the user fills in for a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SiteInput {
    /// Short name.
    pub name: String,
    /// Street address.
    pub address: String,
    /// Postal code.
    pub postal_code: String,
    /// City.
    pub city: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
}

/// The trimmed name and upper-cased country of a site, or the field that is wrong.
fn clean(input: &SiteInput) -> Result<(String, String)> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(canon_desk_core::Error::Required { field: "name" }.into());
    }
    let country = canon_desk_core::validate::country(&input.country)?;
    // The postal code is checked for the site's own country (five digits in France
    // and Italy), so a typo is caught before a letter goes to the wrong place.
    canon_desk_core::validate::postal_code(&country, &input.postal_code)?;
    Ok((name.to_owned(), country))
}

/// The first sites whose name contains what the user typed, and how many there are
/// in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SiteMatches {
    /// Sites matching, on all pages.
    pub total: i64,
    /// The first matches, by name.
    pub sites: Vec<Site>,
}

const SELECT_ONE: &str =
    "SELECT id, name, address, postal_code, city, country FROM sites WHERE id = ?1";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Site> {
    Ok(Site {
        id: r.get(0)?,
        name: r.get(1)?,
        address: r.get(2)?,
        postal_code: r.get(3)?,
        city: r.get(4)?,
        country: r.get(5)?,
    })
}

impl Store {
    /// Sites that are not archived, by name.
    pub fn list_sites(&self) -> Result<Vec<Site>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, address, postal_code, city, country FROM sites
             WHERE archived_at IS NULL ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The first `limit` (1..=100) sites that are not archived, by name, whose name
    /// contains `query` (case-insensitively; all when it is blank), with how many
    /// match in all. Three characters or more are looked up in the trigram index
    /// (migration 0008), as the device search does.
    pub fn search_sites(&self, query: &str, limit: i64) -> Result<SiteMatches> {
        use crate::devices::{fts_phrase, like_pattern, TRIGRAM};
        let query = query.trim();
        let limit = limit.clamp(1, crate::contracts::MAX_MATCHES);
        let (test, value) = if query.is_empty() {
            ("?1 = ?1", String::new())
        } else if query.chars().count() >= TRIGRAM {
            (
                "id IN (SELECT rowid FROM sites_search WHERE sites_search MATCH ?1)",
                fts_phrase(query),
            )
        } else {
            ("name LIKE ?1 ESCAPE '\\'", like_pattern(query))
        };
        let total = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM sites WHERE archived_at IS NULL AND {test}"
            ))?
            .query_row([&value], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, name, address, postal_code, city, country FROM sites
             WHERE archived_at IS NULL AND {test} ORDER BY name COLLATE NOCASE LIMIT ?2"
        ))?;
        let sites = stmt
            .query_map(params![value, limit], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SiteMatches { total, sites })
    }

    /// Creates a site.
    pub fn create_site(&mut self, input: &SiteInput, now: DateTime<Utc>) -> Result<Site> {
        let (name, country) = clean(input)?;
        let name = name.as_str();
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO sites (name, address, postal_code, city, country, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                name,
                input.address.trim(),
                input.postal_code.trim(),
                input.city.trim(),
                country,
                ts(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        let site = tx.query_row(
            "SELECT id, name, address, postal_code, city, country FROM sites WHERE id = ?1",
            [id],
            from_row,
        )?;
        audit::record(&tx, now, "site", id, Action::Create, None, Some(&site))?;
        tx.commit()?;
        Ok(site)
    }
}

impl Store {
    /// Edits a site; the history keeps what it was.
    pub fn update_site(&mut self, id: i64, input: &SiteInput, now: DateTime<Utc>) -> Result<Site> {
        let (name, country) = clean(input)?;
        let tx = self.conn.savepoint()?;
        let before = tx
            .query_row(SELECT_ONE, [id], from_row)
            .optional()?
            .ok_or(crate::Error::NotFound { entity: "site", id })?;
        tx.execute(
            "UPDATE sites SET name = ?2, address = ?3, postal_code = ?4, city = ?5, country = ?6,
                 updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                name,
                input.address.trim(),
                input.postal_code.trim(),
                input.city.trim(),
                country,
                ts(now)
            ],
        )?;
        let after = tx.query_row(SELECT_ONE, [id], from_row)?;
        audit::record(
            &tx,
            now,
            "site",
            id,
            Action::Update,
            Some(&before),
            Some(&after),
        )?;
        tx.commit()?;
        Ok(after)
    }
}
