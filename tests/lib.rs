//! Harness shared by the workspace tests.
//!
//! [`smtp`] is a real SMTP server on 127.0.0.1 for the tests of every crate, and
//! [`mime`] reads what it received, and [`canary`] looks for a secret in files and logs;
//! [`caldav`] is a real CalDAV server (Radicale). [`desktop`] sees around the window:
//! the app's process and X11 window, and the notifications on the session bus.
//! [`Driver`] starts `tauri-driver` (which drives WebKitWebDriver) on free loopback
//! ports and opens sessions on the real Canon Desk binary with a data directory of
//! the test's choosing. Everything it starts is ended when it is dropped.

use std::net::{SocketAddr, TcpListener, TcpStream};
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

pub mod caldav;
pub mod canary;
pub mod desktop;
pub mod mime;
pub mod smtp;

/// A rental contract with only its number and end date: it does not renew, so its one
/// deadline is its end. The contract the reminder, calendar and keychain tests set up.
pub fn contract_ending(number: &str, ends_on: chrono::NaiveDate) -> canon_desk_store::ContractForm {
    use canon_desk_store::{ContractForm, ContractKind, InvoiceDelivery, Renewal};
    ContractForm {
        number: number.into(),
        kind: ContractKind::Rental,
        customer_number: String::new(),
        billing_entity: String::new(),
        invoice_delivery: InvoiceDelivery::Paper,
        invoice_address: String::new(),
        starts_on: None,
        ends_on: Some(ends_on),
        renewal: Renewal::Express,
        notice_months: None,
        renewal_months: None,
    }
}

/// Result type of the harness and the tests.
pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// How long to wait for the window or an element before failing.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The app binary under test: `CANON_DESK_APP`, or the debug build of the workspace.
pub fn app_binary() -> TestResult<PathBuf> {
    let path = match std::env::var_os("CANON_DESK_APP") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/canon-desk"),
    };
    if !path.exists() {
        return Err(format!(
            "the app binary {} does not exist: build it first (./x test does)",
            path.display()
        )
        .into());
    }
    Ok(path.canonicalize()?)
}

/// Chooses rustls's ring back-end for the whole test process. Two back-ends are
/// compiled in (mailin-embedded brings the default one, lettre and fantoccini use ring),
/// and rustls refuses to guess between them.
pub fn use_ring_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn free_port() -> TestResult<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running `tauri-driver`.
pub struct Driver {
    child: Child,
    port: u16,
    /// The home folder the app sees, so that nothing it writes (exports, caches)
    /// lands in the real user's.
    _home: tempfile::TempDir,
}

impl Driver {
    /// Starts `tauri-driver` on free ports and waits until it accepts connections.
    pub fn start() -> TestResult<Driver> {
        Driver::start_with_env(&[])
    }

    /// [`Driver::start`], with `env` added to the environment of `tauri-driver` and so
    /// of the apps it launches (e.g. `CANON_DESK_MAILTO_LOG`, see ARCHITECTURE.md).
    pub fn start_with_env(env: &[(&str, &std::ffi::OsStr)]) -> TestResult<Driver> {
        let (port, native) = (free_port()?, free_port()?);
        // Its own process group, so that WebKitWebDriver and the app it starts end with
        // it; its output goes to a log so that no pipe of the test outlives the test.
        let log_path = std::env::temp_dir().join(format!("canon-desk-tauri-driver-{port}.log"));
        let log = std::fs::File::create(&log_path)?;
        let home = tempfile::tempdir()?;
        let mut command = Command::new("tauri-driver");
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .stdin(Stdio::null())
            .env("HOME", home.path())
            .envs(env.iter().copied())
            .stdout(log.try_clone()?)
            .stderr(log);
        #[cfg(unix)]
        command.process_group(0);
        let child = command
            .spawn()
            .map_err(|e| format!("could not start tauri-driver ({e}); `./x test` installs it"))?;
        let driver = Driver {
            child,
            port,
            _home: home,
        };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if Instant::now() > deadline {
                return Err("tauri-driver did not start listening within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// Launches the app with `--data-dir data_dir` and waits until the interface has
    /// loaded its first data (`body[data-ready="1"]`).
    pub async fn launch(&self, data_dir: &Path) -> TestResult<Client> {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app_binary()?,
                "args": ["--data-dir", data_dir],
            }),
        );
        use_ring_crypto();
        // One app runs per record: a launch while the previous session's app is still
        // on its way out would hand over to it and exit, leaving no window to drive.
        let gone_by = Instant::now() + PATIENCE;
        while !desktop::apps_on(data_dir).is_empty() && Instant::now() < gone_by {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A process that has just exited can still own its name on the session bus
        // for a moment, and a launch asking it to take over then fails ("recipient
        // disconnected without replying"): a restart gives the bus that moment.
        if data_dir.join("canon-desk.db").exists() {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        // An app that dies while starting (no display, say) leaves the session request
        // unanswered: give up with the reason instead of waiting for ever.
        let mut builder = ClientBuilder::rustls()?;
        builder.capabilities(caps);
        let url = format!("http://127.0.0.1:{}", self.port);
        let connect = builder.connect(&url);
        let client = tokio::time::timeout(PATIENCE * 2, connect)
            .await
            .map_err(|_| {
                format!(
                    "the app did not open a window within {} s (see the tauri-driver log in {})",
                    (PATIENCE * 2).as_secs(),
                    std::env::temp_dir().display()
                )
            })?
            .map_err(|e| format!("could not open a WebDriver session on the app: {e}"))?;
        client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(r#"body[data-ready="1"]"#))
            .await
            .map_err(|e| format!("the interface never reported ready: {e}"))?;
        Ok(client)
    }
}

impl Driver {
    /// The home folder the apps started by this driver see (`HOME`): where start at
    /// login writes its entry on Linux (`.config/autostart`).
    pub fn home(&self) -> &Path {
        self._home.path()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: tauri-driver, WebKitWebDriver and any app still running.
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for an element and returns it. When it does not come, a screenshot of the
/// window is saved in the temporary folder and named in the error, with the selector.
pub async fn find(client: &Client, css: &str) -> TestResult<fantoccini::elements::Element> {
    match client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => Ok(element),
        Err(e) => {
            let shot = std::env::temp_dir().join(format!(
                "canon-desk-e2e-{}.png",
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis())
                    .unwrap_or_default()
            ));
            let saved = match client.screenshot().await {
                Ok(png) => std::fs::write(&shot, png).is_ok(),
                Err(_) => false,
            };
            let seen = if saved {
                format!("; the window is in {}", shot.display())
            } else {
                String::new()
            };
            Err(format!("element {css} did not appear: {e}{seen}").into())
        }
    }
}

/// Clicks an element once it is there and can take a click: an element can exist a
/// moment before it is shown (a dialog opening), which WebDriver reports as "not
/// interactable", and the element found can be replaced by a re-render or a reload
/// before the click reaches it ("stale" or "no such element"). Both are retried, with
/// a fresh lookup, until [`PATIENCE`] runs out.
pub async fn click(client: &Client, css: &str) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let element = find(client, css).await?;
        // A section that fills in after its data arrives moves what is below it:
        // click once the element has stayed in place, or the click lands on what
        // moved under the pointer.
        let mut place = element.rectangle().await.ok();
        let settle_by = Instant::now() + Duration::from_secs(2);
        while Instant::now() < settle_by {
            tokio::time::sleep(Duration::from_millis(60)).await;
            let now = element.rectangle().await.ok();
            if now == place {
                break;
            }
            place = now;
        }
        match element.click().await {
            Ok(()) => return Ok(()),
            Err(e)
                if (e.is_element_not_interactable()
                    || e.is_stale_element_reference()
                    || e.is_no_such_element())
                    && Instant::now() < deadline =>
            {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => return Err(format!("clicking {css} failed: {e}").into()),
        }
    }
}

/// Selects a tab (a `role=tab` element) and waits until it says it is selected. A
/// click that lands while the panel above is still being re-rendered can be lost;
/// it is repeated until the tab takes it or [`PATIENCE`] runs out.
pub async fn select_tab(client: &Client, css: &str) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    loop {
        click(client, css).await?;
        let selected = find(client, css)
            .await?
            .attr("aria-selected")
            .await?
            .is_some_and(|v| v == "true");
        if selected {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("the tab {css} never became selected").into());
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Replaces the text of a field: clears it, then types `text`.
pub async fn fill(client: &Client, css: &str, text: &str) -> TestResult {
    let field = find(client, css).await?;
    field.clear().await?;
    // WebDriver's clear fires no `input` event, so a form that keeps the field's
    // value in its state would still hold the old text, and put it back on its next
    // render; a user who empties a field does fire one.
    client
        .execute(
            "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::to_value(&field)?],
        )
        .await?;
    field.send_keys(text).await?;
    // What the field holds now: a render between the clearing and the typing would
    // have put text back in front of what was typed, and the test would go on with
    // a value it did not mean (as a user would see and type again, say so).
    // (A field that formats what is typed, an IBAN in groups, is left to its test.)
    let value = field.prop("value").await?.unwrap_or_default();
    if value.len() > text.len() && value.ends_with(text) {
        return Err(format!("{css} holds {value:?} after typing {text:?} into it").into());
    }
    Ok(())
}

/// Picks the option of a `<select>` whose text contains `option_text`. A list whose
/// options are searched as the user types (a contract, a site) fills in a moment
/// after it appears, so the option is waited for, up to [`PATIENCE`].
pub async fn choose(client: &Client, select: &str, option_text: &str) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    let xpath = format!(".//option[contains(., '{option_text}')]");
    let option = loop {
        match find(client, select)
            .await?
            .find(fantoccini::Locator::XPath(&xpath))
            .await
        {
            Ok(option) => break option,
            Err(e) if Instant::now() > deadline => {
                return Err(format!("{select} has no option {option_text:?}: {e}").into())
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    };
    option.click().await?;
    Ok(())
}

/// Waits until the text of the element matching `css` is exactly `expected` (a
/// re-render, a language switch, settles a moment after the action), or fails after
/// [`PATIENCE`] saying what it read.
pub async fn wait_text(client: &Client, css: &str, expected: &str) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let text = find(client, css).await?.text().await?;
        if text == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{css} reads {text:?}, expected {expected:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until exactly `count` elements match `css` (a list that follows a search
/// settles a moment after the typing), or fails after [`PATIENCE`].
pub async fn wait_count(client: &Client, css: &str, count: usize) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let found = client.find_all(Locator::Css(css)).await?.len();
        if found == count {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{css}: {found} elements, expected {count}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Points the app at a test SMTP server on 127.0.0.1 through Settings (plain SMTP is
/// allowed to this computer only).
pub async fn use_test_smtp(client: &Client, port: u16) -> TestResult {
    // Choosing the section shown again starts it afresh: from Settings itself, a click
    // would remount the form while the fields below are being filled.
    let here = "[data-testid=nav-settings][aria-current=page]";
    if client
        .find_all(fantoccini::Locator::Css(here))
        .await?
        .is_empty()
    {
        click(client, "[data-testid=nav-settings]").await?;
        find(client, here).await?;
    }
    fill(client, "[data-testid=smtp-host]", "127.0.0.1").await?;
    fill(client, "[data-testid=smtp-port]", &port.to_string()).await?;
    find(client, "[data-testid=smtp-security]")
        .await?
        .find(fantoccini::Locator::Css("option[value=plain]"))
        .await?
        .click()
        .await?;
    fill(client, "[data-testid=smtp-from]", "desk@atelier.example").await?;
    click(client, "[data-testid=smtp-save]").await?;
    // Until the server answers, the form holds unsaved typing, and choosing another
    // section would ask first.
    wait_saved(client, "smtp").await
}

/// Waits until the form `key` (its `useUnsaved` key in the interface) holds nothing
/// unsaved, or fails after [`PATIENCE`] saying what is still unsaved.
pub async fn wait_saved(client: &Client, key: &str) -> TestResult {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let unsaved = client
            .execute("return document.body.dataset.unsaved || ''", vec![])
            .await?;
        let unsaved = unsaved.as_str().unwrap_or_default().to_owned();
        if !unsaved.split(' ').any(|k| k == key) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{key} still unsaved (unsaved: {unsaved:?})").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// axe-core's source, read once from the interface's development dependencies (`npm ci`
/// installs it in `ui/node_modules`; nothing is downloaded while the tests run).
fn axe_source() -> TestResult<&'static str> {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(source) = SOURCE.get() {
        return Ok(source);
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "axe-core is not installed at {} ({e}): run `npm ci` in ui/ (./x does)",
            path.display()
        )
    })?;
    Ok(SOURCE.get_or_init(|| source))
}

/// Runs axe-core on the page as it is now and fails on any violation of impact
/// serious or critical, naming `place` (the screen or dialog checked), and for each
/// rule its id, impact, help text and the selectors of the elements at fault.
///
/// The app's CSP (`script-src 'self'`) forbids `eval` in the page, so axe is not
/// loaded through a `<script>` or `eval`: its source is the body of the WebDriver
/// script itself, which the automation compiles outside the page's CSP, and which
/// leaves `window.axe` behind for the next check. The CSP stays as users have it.
pub async fn axe_check(client: &Client, place: &str) -> TestResult {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if loaded != serde_json::Value::Bool(true) {
        let script = format!("{}\n;return typeof window.axe;", axe_source()?);
        let kind = client.execute(&script, vec![]).await?;
        if kind != serde_json::json!("object") {
            return Err(
                format!("axe-core did not load in the window (window.axe is {kind})").into(),
            );
        }
    }
    // Only what blocks or seriously hinders a user fails the test; axe's minor and
    // moderate findings are best practices, reported by its own tools.
    let found = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            window.axe.run(document, { resultTypes: ["violations"] }).then(
              (r) => done({
                // The rules this check stands on must have run (a field without a
                // name, a list without one, text without contrast).
                missing: ["label", "select-name", "button-name", "color-contrast"].filter((id) =>
                  ![...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].some((x) => x.id === id)),
                ok: r.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.map((n) => n.target.join(" ")) })) }),
              (e) => done({ error: String(e) }));"#,
            vec![],
        )
        .await?;
    if let Some(error) = found.get("error") {
        return Err(format!("axe-core failed on {place}: {error}").into());
    }
    if found["missing"].as_array().is_some_and(|m| !m.is_empty()) {
        return Err(format!("axe-core did not run {} on {place}", found["missing"]).into());
    }
    let violations = found
        .get("ok")
        .and_then(|v| v.as_array())
        .ok_or_else(|| format!("axe-core gave no result on {place}: {found}"))?;
    if violations.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = violations
        .iter()
        .map(|v| {
            format!(
                "- {} ({}): {} — at {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                v["targets"]
                    .as_array()
                    .map(|t| t
                        .iter()
                        .filter_map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or_default()
            )
        })
        .collect();
    Err(format!(
        "accessibility violations on {place}:\n{}",
        listed.join("\n")
    )
    .into())
}

/// Presses a chord on the keyboard through WebDriver's key actions, as a user does:
/// every key down in order (modifiers first), then up in reverse, e.g.
/// `press(&client, &[Key::Shift.into(), Key::Tab.into()])`.
pub async fn press(client: &Client, chord: &[char]) -> TestResult {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut keys = KeyActions::new("keyboard".into());
    for &value in chord {
        keys = keys.then(KeyAction::Down { value });
    }
    for &value in chord.iter().rev() {
        keys = keys.then(KeyAction::Up { value });
    }
    client.perform_actions(keys).await?;
    Ok(())
}

/// Fails unless the keyboard focus is on an element other than the page itself and
/// that element shows it (a computed outline or box shadow). Returns a short
/// description of the focused element (`tag#id[data-testid]`) for the caller's checks.
///
/// The ring may come a moment after the focus moves (a screen still being shown), so
/// the check is made again for up to 3 s. It is drawn only while the window has the
/// system's focus, which another window opening on the same display takes: the test
/// that checks it runs alone (.config/nextest.toml), and a failure says whether the
/// window had the focus.
pub async fn focus_shown(client: &Client, after: &str) -> TestResult<String> {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let seen = client
            .execute(
                r##"const el = document.activeElement;
                if (!el || el === document.body || el === document.documentElement) return { on: "the page" };
                const s = getComputedStyle(el);
                const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
                const shadow = s.boxShadow !== "" && s.boxShadow !== "none";
                const id = el.getAttribute("data-testid");
                return { on: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (id ? "[data-testid=" + id + "]" : ""),
                  shown: outline || shadow, windowFocused: document.hasFocus(),
                  style: "outline " + s.outlineStyle + " " + s.outlineWidth + ", box-shadow " + s.boxShadow };"##,
                vec![],
            )
            .await?;
        let on = seen["on"].as_str().unwrap_or("?").to_owned();
        if on == "the page" {
            return Err(
                format!("after {after} the keyboard focus is lost (on the page itself)").into(),
            );
        }
        if seen["shown"] == serde_json::Value::Bool(true) {
            return Ok(on);
        }
        let window_focused = seen["windowFocused"] == serde_json::Value::Bool(true);
        if Instant::now() > deadline {
            return Err(format!(
                "after {after} the focus on {on} is not visible ({}; the window {} the system focus)",
                seen["style"].as_str().unwrap_or("?"),
                if window_focused { "has" } else { "does not have" }
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
