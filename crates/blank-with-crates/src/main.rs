//! The blank window with Canon Desk's crates: the binary-size reference of `./x measure`.
//!
//! Issue #13 measures the app's stripped binary against "a blank Tauri 2 window with
//! the same crates". A crate the code never calls is not linked, so listing the app's
//! dependencies is not enough: this window registers the app's Tauri plugins and, when
//! started with `--exercise`, has every other crate do the smallest piece of the job the
//! app gives it once (open a database and back it up, read and write a CSV line, send a
//! message over SMTP with TLS, ask the keychain, ask a CalDAV server for its principal,
//! write a calendar event, zip a file, show a tray menu…), prints one line per crate and
//! quits. Started without it, it is the blank window with the plugins registered. None of
//! the app's own code is here: the difference between the two binaries is the app.
//!
//! The network calls go to 127.0.0.1 only, on ports where nothing listens: what the
//! reference needs is the code that makes them, not an answer.

// Without this a console window would open beside the window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::{Cursor, Read, Write};
use std::sync::Arc;
use std::time::Duration;

use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri_plugin_notification::NotificationExt;

/// A port on 127.0.0.1 where nothing listens (the discard service).
const NOBODY: u16 = 9;

/// The blank window's one command, the same file.
#[path = "../../blank-window/src/mark.rs"]
mod mark;

/// What one crate's piece of work answered, for the line `--exercise` prints.
type Answer = Result<String, String>;

fn text<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// SQLite through rusqlite: a statement with a chrono parameter, then a copy of the
/// database restored into it through the online backup API.
fn sqlite() -> Answer {
    let mut db = rusqlite::Connection::open_in_memory().map_err(text)?;
    let version: String = db
        .query_row(
            "SELECT sqlite_version() || ' ' || ?1",
            [chrono::Utc::now()],
            |row| row.get(0),
        )
        .map_err(text)?;
    // A copy written, then read back into the open connection as a restore does.
    let dir = tempfile::tempdir().map_err(text)?;
    let copy = dir.path().join("copy.sqlite");
    db.execute("VACUUM INTO ?1", [copy.to_string_lossy()])
        .map_err(text)?;
    db.restore(
        rusqlite::MAIN_DB,
        &copy,
        None::<fn(rusqlite::backup::Progress)>,
    )
    .map_err(text)?;
    Ok(version)
}

/// A CSV line read and written, its SHA-256, and a deflated zip of it read back.
fn files() -> Answer {
    let mut reader = csv::Reader::from_reader("serial,model\nAB123,imageRUNNER\n".as_bytes());
    let row = reader.records().next().ok_or("no row")?.map_err(text)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&row).map_err(text)?;
    let line = writer.into_inner().map_err(text)?;
    let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&line));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("devices.csv", options).map_err(text)?;
    zip.write_all(&line).map_err(text)?;
    let archive = zip.finish().map_err(text)?;
    let mut read = zip::ZipArchive::new(archive).map_err(text)?;
    let mut back = String::new();
    read.by_index(0)
        .map_err(text)?
        .read_to_string(&mut back)
        .map_err(text)?;
    Ok(format!("{} {digest}", back.trim()))
}

/// The validators' crates, the time zones, the language, identifiers and encodings.
fn words() -> Answer {
    let iban: iban::Iban = "FR7630006000011234567890189".parse().map_err(text)?;
    let email: email_address::EmailAddress = "contact@example.org".parse().map_err(text)?;
    let paris: chrono_tz::Tz = "Europe/Paris".parse().map_err(text)?;
    let here = iana_time_zone::get_timezone().unwrap_or_default();
    let locale = sys_locale::get_locale().unwrap_or_default();
    let id = uuid::Uuid::new_v4();
    let mailto = percent_encoding::utf8_percent_encode("a b", percent_encoding::NON_ALPHANUMERIC);
    let token = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, "a:b");
    let xml = roxmltree::Document::parse("<d:multistatus xmlns:d=\"DAV:\"/>").map_err(text)?;
    let now = chrono::Utc::now().with_timezone(&paris);
    Ok(format!(
        "{} {} {now} {here} {locale} {id} {mailto} {token} {}",
        iban::IbanLike::country_code(&iban),
        email.domain(),
        xml.root_element().tag_name().name()
    ))
}

/// One calendar event written as iCalendar text.
fn event() -> Answer {
    use icalendar::{Component, EventLike};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).ok_or("no such day")?;
    let calendar = icalendar::Calendar::new()
        .push(
            icalendar::Event::new()
                .summary("Meter reading")
                .all_day(day)
                .done(),
        )
        .done();
    Ok(format!("{} bytes", calendar.to_string().len()))
}

/// A message sent over SMTP with STARTTLS, to a port where nothing listens.
async fn smtp() -> Answer {
    use lettre::transport::smtp::client::{Tls, TlsParameters};
    use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
    let message = Message::builder()
        .from("Blank <blank@example.org>".parse().map_err(text)?)
        .to("someone@example.org".parse().map_err(text)?)
        .subject("Reference")
        .body(String::from("Nothing to say."))
        .map_err(text)?;
    let tls = TlsParameters::builder("localhost".to_owned())
        .build_rustls()
        .map_err(text)?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(NOBODY)
        .tls(Tls::Required(tls))
        .timeout(Some(Duration::from_secs(2)))
        .build();
    match transport.send(message).await {
        Ok(response) => Ok(format!("sent: {}", response.code())),
        Err(e) => Err(e.to_string()),
    }
}

/// The keychain asked for an entry that is not there.
fn keychain() -> Answer {
    let entry = keyring::Entry::new("canon-desk-blank-with-crates", "probe").map_err(text)?;
    match entry.get_password() {
        Ok(_) => Ok("found".to_owned()),
        Err(keyring::Error::NoEntry) => Ok("no entry".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// A CalDAV server asked for the user's principal, over hyper with rustls.
async fn caldav() -> Answer {
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(Arc::new(rustls::crypto::ring::default_provider()))
        .map_err(text)?
        .https_or_http()
        .enable_http1()
        .build();
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build::<_, String>(https);
    let server: http::Uri = format!("http://127.0.0.1:{NOBODY}/dav/")
        .parse()
        .map_err(text)?;
    let dav = libdav::CalDavClient::new(libdav::dav::WebDavClient::new(server, client));
    match dav.find_current_user_principal().await {
        Ok(principal) => Ok(format!("{principal:?}")),
        Err(e) => Err(e.to_string()),
    }
}

/// The clipboard written, as the app copies the Canon password.
fn clipboard() -> Answer {
    let mut clipboard = arboard::Clipboard::new().map_err(text)?;
    clipboard.set_text("reference").map_err(text)?;
    Ok("written".to_owned())
}

/// Whether a tray host (a StatusNotifierWatcher) is on the session bus.
#[cfg(target_os = "linux")]
async fn session_bus() -> Answer {
    let connection = zbus::Connection::session().await.map_err(text)?;
    let proxy = zbus::fdo::DBusProxy::new(&connection).await.map_err(text)?;
    let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher").map_err(text)?;
    let there = proxy.name_has_owner(name).await.map_err(text)?;
    Ok(format!("tray host: {there}"))
}

#[cfg(not(target_os = "linux"))]
async fn session_bus() -> Answer {
    Ok("no session bus on this system".to_owned())
}

/// Every crate's piece of work, one line each on stderr.
async fn exercise() {
    let answers = [
        ("rusqlite", sqlite()),
        ("csv, sha2, zip", files()),
        ("validators, zones, encodings", words()),
        ("icalendar", event()),
        ("lettre", smtp().await),
        ("keyring", keychain()),
        ("libdav", caldav().await),
        ("arboard", clipboard()),
        ("zbus", session_bus().await),
    ];
    for (name, answer) in answers {
        match answer {
            Ok(said) => eprintln!("exercise {name}: {said}"),
            // Refused connections are expected: nothing listens on those ports.
            Err(e) => eprintln!("exercise {name}: failed as it may: {e}"),
        }
    }
}

/// The tray with a one-item menu and a notification: the app's desktop side.
fn desktop(app: &tauri::AppHandle) -> tauri::Result<()> {
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&quit])?;
    let mut tray = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip("Blank With Crates");
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    if let Err(e) = app
        .notification()
        .builder()
        .title("Blank With Crates")
        .body("The reference's one notification.")
        .show()
    {
        eprintln!("exercise notification: failed as it may: {e}");
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let exercising = std::env::args().any(|a| a == "--exercise");
    if exercising {
        // The app logs through tracing-subscriber's formatter; so does the reference.
        let _ = tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .try_init();
        tracing::info!("exercising every crate once");
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|_, _, _| {}))
        .plugin(tauri_plugin_autostart::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(tauri::generate_handler![mark::mark])
        .setup(move |app| {
            if exercising {
                desktop(app.handle())?;
                let handle = app.handle().clone();
                tauri::async_runtime::spawn(async move {
                    exercise().await;
                    handle.exit(0);
                });
            }
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("blank-with-crates: could not start: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
