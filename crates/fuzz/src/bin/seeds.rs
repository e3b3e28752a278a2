//! Writes the seed corpora the targets start from: valid values of each validator,
//! spreadsheet-made CSV files, and a real backup (three devices, two documents) made
//! by the store itself. `seeds DIR` writes DIR/validators, DIR/csv_import, DIR/restore.
use std::path::PathBuf;

use canon_desk_fuzz::{at, device, VALIDATORS};
use canon_desk_store::{DocumentEntity, DocumentKind, Store};

const VALID: [&str; 13] = [
    "732 829 320",
    "732 829 320 00074",
    "FR44732829320",
    "07643520567",
    "DE136695976",
    "FR76 3000 6000 0112 3456 7890 189",
    "BNPAFRPPXXX",
    "compta@atelier.fr",
    "FR",
    "75008",
    "E2E 0042 x",
    "eg-0123456789",
    "CPS123456",
];

const CSV: [&str; 3] = [
    "serial,model,kind,site,ownership,installed_on,meter_transmission,status,notes\n\
     CSV0001,imageRUNNER ADVANCE DX C3826i,mfp,Siège,leased,2024-03-01,automatic,active,accueil\n\
     CSV0002,i-SENSYS X C1333iF,mfp,Atelier,owned,2023-09-15,manual,active,\n",
    "\u{feff}serial;model;kind;ownership;meter_transmission;installed_on\r\n\
     CSV0003;iR C3826i;mfp;leased;automatic;01/03/2024\r\n\
     CSV0004;\"LBP; 722\"\"Cdw\";printer;owned;manual;15/09/2023\r\n",
    "SERIAL\tModel\tKind\tOwnership\tMeter_Transmission\tNotes\n\
     CSV0005\tiR-ADV 4525i\tmfp\towned\tmanual\t\"deux\nlignes\"\n",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: seeds DIR")?);
    let dir = out.join("validators");
    std::fs::create_dir_all(&dir)?;
    for (i, ((name, _), value)) in VALIDATORS.iter().zip(VALID).enumerate() {
        let mut bytes = vec![u8::try_from(i)?];
        bytes.extend_from_slice(value.as_bytes());
        std::fs::write(dir.join(name), bytes)?;
    }
    let dir = out.join("csv_import");
    std::fs::create_dir_all(&dir)?;
    for (i, text) in CSV.iter().enumerate() {
        std::fs::write(dir.join(format!("devices-{i}.csv")), text)?;
    }
    let dir = out.join("restore");
    std::fs::create_dir_all(&dir)?;
    let work = tempfile::tempdir()?;
    let docs = work.path().join("documents");
    let mut store = Store::open(&work.path().join("source.db"))?;
    let first = store.create_device(&device("FUZZ001"), at(1))?.id;
    store.create_device(&device("FUZZ002"), at(1))?;
    for (name, text) in [
        ("kbis.pdf", "a K-bis stand-in"),
        ("contrat.pdf", "a contract"),
    ] {
        let file = work.path().join(name);
        std::fs::write(&file, format!("%PDF-1.4\n% {text}\n"))?;
        store.add_document(
            &docs,
            DocumentEntity::Device,
            first,
            &file,
            name,
            DocumentKind::Other,
            at(1),
        )?;
    }
    let archive = dir.join("backup.zip");
    let _ = std::fs::remove_file(&archive);
    store.create_backup(&docs, &archive, at(2))?;
    Ok(())
}
