//! The searches behind the pickers (the contract and site filters of the device
//! list, a form's site): the first matches by name or number, the count of all of
//! them, never the whole list.

use canon_desk_store::{ContractInput, ContractKind, Store, MAX_MATCHES};

use super::{at, named_site, TestResult};

fn contract(number: &str) -> ContractInput {
    ContractInput {
        number: number.into(),
        kind: ContractKind::Maintenance,
        customer_number: String::new(),
        po_number: None,
        starts_on: None,
        ends_on: None,
        device_ids: Vec::new(),
    }
}

#[test]
fn the_contract_search_returns_the_first_matches_and_counts_them_all() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("c.db"))?;
    store.atomically(|store| {
        for i in 0..300 {
            store.create_contract(&contract(&format!("CT-{i:04}")), at(1))?;
        }
        store.create_contract(&contract("LOC_7%"), at(1))?;
        Ok(())
    })?;
    let all = store.search_contracts("", 50)?;
    assert_eq!(all.total, 301, "a blank search must count every contract");
    assert_eq!(
        all.contracts.len(),
        50,
        "a blank search must return only the limit"
    );
    let numbers: Vec<_> = all.contracts.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(
        numbers.first().copied(),
        Some("CT-0000"),
        "matches must come by number: {numbers:?}"
    );
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(numbers, sorted, "matches must come by number");

    let some = store.search_contracts("ct-01", 50)?;
    assert_eq!(
        some.total, 100,
        "CT-0100 to CT-0199 contain ct-01, whatever the case"
    );
    assert!(
        some.contracts.iter().all(|c| c.number.starts_with("CT-01")),
        "only matching contracts may be returned: {:?}",
        some.contracts
    );
    let literal = store.search_contracts("_7%", 50)?;
    assert_eq!(
        literal
            .contracts
            .iter()
            .map(|c| c.number.as_str())
            .collect::<Vec<_>>(),
        vec!["LOC_7%"],
        "% and _ typed by the user must match themselves, not any text"
    );
    let capped = store.search_contracts("", 10_000)?;
    assert_eq!(
        i64::try_from(capped.contracts.len())?,
        MAX_MATCHES,
        "a search must never return more than the cap"
    );
    assert_eq!(
        store.search_contracts("nothing like it", 50)?.total,
        0,
        "no match must count 0"
    );
    Ok(())
}

#[test]
fn the_site_search_finds_names_by_substring_short_or_long() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("s.db"))?;
    for name in [
        "Head office",
        "Lyon warehouse",
        "Milano ufficio",
        "Annecy shop",
    ] {
        store.create_site(&named_site(name), at(1))?;
    }
    let all = store.search_sites("", 2)?;
    assert_eq!(all.total, 4, "a blank search must count every site");
    assert_eq!(
        all.sites
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Annecy shop", "Head office"],
        "a blank search must return the first sites by name, up to the limit"
    );
    let long = store.search_sites("WAREHOUSE", 50)?;
    assert_eq!(
        long.sites
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Lyon warehouse"],
        "three characters or more must match a substring, whatever the case"
    );
    let short = store.search_sites("FF", 50)?;
    assert_eq!(
        short
            .sites
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Head office", "Milano ufficio"],
        "one or two characters must match a substring too, whatever the case"
    );
    Ok(())
}

#[test]
fn contracts_by_ids_are_the_named_ones_deleted_included() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("i.db"))?;
    let a = store.create_contract(&contract("CT-B"), at(1))?;
    let b = store.create_contract(&contract("CT-A"), at(1))?;
    store.create_contract(&contract("CT-C"), at(1))?;
    store.delete_contract(b.id, at(2))?;
    let found = store.contracts_by_ids(&[a.id, b.id, 999], at(3).date_naive())?;
    assert_eq!(
        found.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(),
        vec!["CT-A", "CT-B"],
        "the named contracts, deleted ones too, by number, and nothing for an unknown id"
    );
    Ok(())
}

#[test]
fn contract_pages_put_together_are_the_whole_list() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("p.db"))?;
    store.atomically(|store| {
        for i in 0..250 {
            store.create_contract(&contract(&format!("CT-{:04}", (i * 7919) % 1000)), at(1))?;
        }
        Ok(())
    })?;
    let today = at(2).date_naive();
    let all = store.list_contracts(today)?;
    let mut paged = Vec::new();
    for offset in [0, 100, 200, 300] {
        let page = store.page_contracts(today, offset, 100)?;
        assert_eq!(page.total, 250, "every page must count every contract");
        paged.extend(page.contracts);
    }
    assert_eq!(
        paged, all,
        "the pages put together must be the list, in its order"
    );
    Ok(())
}
