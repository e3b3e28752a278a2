//! What the end-to-end tests see of the desktop around the window: the app's process,
//! its X11 window (found by `_NET_WM_PID`, closed the way a window manager closes
//! it, with a `WM_DELETE_WINDOW` message), the notifications sent on the D-Bus
//! session bus (recorded by `dbus-monitor`), and a private session bus with a
//! notification server (`dunst`) whose notifications a test can click.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

use crate::{TestResult, PATIENCE};

/// The ids of the app's processes running on `data_dir` (their command line names
/// it); none where there is no /proc.
pub fn apps_on(data_dir: &Path) -> Vec<u32> {
    let wanted = data_dir.to_string_lossy().into_owned();
    let with_flag = format!("--data-dir={wanted}");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
            let args: Vec<String> = cmdline
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            let is_app = args.first().is_some_and(|a| a.ends_with("canon-desk"));
            let on_dir = args.iter().any(|a| a == &wanted || a == &with_flag);
            (is_app && on_dir).then_some(pid)
        })
        .collect()
}

/// The process id of the app running on `data_dir`, waiting for it to start.
pub fn app_pid(data_dir: &Path) -> TestResult<u32> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(pid) = apps_on(data_dir).first() {
            return Ok(*pid);
        }
        if Instant::now() > deadline {
            return Err(format!("no app process runs on {}", data_dir.display()).into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether the process `pid` is still running (and not a zombie).
pub fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next().map(|s| s != "Z"))
        })
        .unwrap_or(false)
}

/// The X display of the test session (`DISPLAY`, set by xvfb-run).
pub struct Display {
    conn: RustConnection,
    root: Window,
}

impl Display {
    /// Connects to `DISPLAY`.
    pub fn open() -> TestResult<Display> {
        let (conn, screen) = x11rb::connect(None)
            .map_err(|e| format!("no X display to connect to (DISPLAY): {e}"))?;
        let root = conn.setup().roots[screen].root;
        Ok(Display { conn, root })
    }

    fn atom(&self, name: &str) -> TestResult<u32> {
        Ok(self.conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
    }

    /// The top-level window of process `pid` titled `title`.
    pub fn window_of(&self, pid: u32, title: &str) -> TestResult<Window> {
        let net_wm_pid = self.atom("_NET_WM_PID")?;
        let deadline = Instant::now() + PATIENCE;
        loop {
            for window in self.conn.query_tree(self.root)?.reply()?.children {
                let owner = self
                    .conn
                    .get_property(false, window, net_wm_pid, AtomEnum::CARDINAL, 0, 1)?
                    .reply()?
                    .value32()
                    .and_then(|mut v| v.next());
                if owner != Some(pid) {
                    continue;
                }
                let name = self
                    .conn
                    .get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 256)?
                    .reply()?
                    .value;
                if name == title.as_bytes() {
                    return Ok(window);
                }
            }
            if Instant::now() > deadline {
                return Err(format!("process {pid} has no window titled {title:?}").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Whether `window` is on screen (mapped and viewable).
    pub fn is_viewable(&self, window: Window) -> TestResult<bool> {
        Ok(self.conn.get_window_attributes(window)?.reply()?.map_state == MapState::VIEWABLE)
    }

    /// Waits until `window` is (or is not) on screen.
    pub fn wait_viewable(&self, window: Window, viewable: bool) -> TestResult {
        let deadline = Instant::now() + PATIENCE;
        while self.is_viewable(window)? != viewable {
            if Instant::now() > deadline {
                let state = if viewable { "on screen" } else { "hidden" };
                return Err(format!("the window never became {state}").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    /// Asks `window` to close, as a window manager does when its close button is
    /// clicked: a `WM_PROTOCOLS` client message carrying `WM_DELETE_WINDOW`.
    pub fn close(&self, window: Window) -> TestResult {
        let protocols = self.atom("WM_PROTOCOLS")?;
        let delete = self.atom("WM_DELETE_WINDOW")?;
        let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        self.conn
            .send_event(false, window, EventMask::NO_EVENT, event)?
            .check()?;
        self.conn.flush()?;
        Ok(())
    }
}

/// `dbus-monitor` recording the calls to the notification service of the session bus.
pub struct NotificationLog {
    child: Child,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl NotificationLog {
    /// Starts recording on the test session's bus; returns once the monitor is
    /// attached to it.
    pub fn start() -> TestResult<NotificationLog> {
        NotificationLog::start_on(None)
    }

    /// Starts recording on the bus at `address` (the session's when `None`).
    pub fn start_on(address: Option<&str>) -> TestResult<NotificationLog> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("notifications.log");
        let mut command = Command::new("dbus-monitor");
        if let Some(address) = address {
            command.env("DBUS_SESSION_BUS_ADDRESS", address);
        }
        let child = command
            .args([
                "--session",
                "type='method_call',interface='org.freedesktop.Notifications'",
            ])
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&path)?)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start dbus-monitor ({e}); ./x test installs dbus"))?;
        let log = NotificationLog {
            child,
            path,
            _dir: dir,
        };
        // The monitor prints its own connection first: it is then listening.
        let deadline = Instant::now() + PATIENCE;
        while log.text().is_empty() {
            if Instant::now() > deadline {
                return Err("dbus-monitor never attached to the session bus".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(log)
    }

    /// Everything recorded so far.
    pub fn text(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap_or_default()
    }

    /// How many `Notify` calls carried `needle` (in their summary or body).
    pub fn count(&self, needle: &str) -> usize {
        self.text()
            .split("member=Notify")
            .skip(1)
            .filter(|call| call.contains(needle))
            .count()
    }

    /// Waits until a `Notify` call carried `needle`, or fails with what was seen.
    pub fn wait_for(&self, needle: &str) -> TestResult {
        let deadline = Instant::now() + PATIENCE;
        while self.count(needle) == 0 {
            if Instant::now() > deadline {
                return Err(format!(
                    "no notification said {needle:?}; the bus saw:\n{}",
                    self.text()
                )
                .into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }
}

impl Drop for NotificationLog {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A session bus of the test's own, with `dunst` serving notifications on it and on
/// the test display: a test that clicks a notification is not disturbed by the
/// notifications of the tests running beside it. Both end when it is dropped.
pub struct PrivateBus {
    /// `DBUS_SESSION_BUS_ADDRESS` of the bus.
    pub address: String,
    bus: Child,
    dunst: Option<Child>,
    /// Holds dunst's configuration file.
    _dir: tempfile::TempDir,
}

impl PrivateBus {
    /// Starts the bus and dunst, and waits until dunst answers.
    pub fn start_with_dunst() -> TestResult<PrivateBus> {
        use std::io::BufRead;
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start dbus-daemon ({e}); ./x test installs dbus"))?;
        let mut address = String::new();
        if let Some(out) = bus.stdout.take() {
            std::io::BufReader::new(out).read_line(&mut address)?;
        }
        let address = address.trim().to_owned();
        let mut private = PrivateBus {
            address,
            bus,
            dunst: None,
            _dir: tempfile::tempdir()?,
        };
        if private.address.is_empty() {
            return Err("dbus-daemon printed no address".into());
        }
        // Notifications stay until acted on, so the test finds the one it waits for.
        let config = private._dir.path().join("dunstrc");
        std::fs::write(&config, "[global]\n    timeout = 0\n")?;
        private.dunst = Some(
            Command::new("dunst")
                .args(["-config".as_ref(), config.as_os_str()])
                .env("DBUS_SESSION_BUS_ADDRESS", &private.address)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| format!("could not start dunst ({e}); ./x test installs it"))?,
        );
        let deadline = Instant::now() + PATIENCE;
        while private.dunstctl(&["count", "displayed"]).is_err() {
            if Instant::now() > deadline {
                return Err("dunst never answered on the private bus".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(private)
    }

    /// Runs `dunstctl` against this bus's dunst and returns what it printed.
    pub fn dunstctl(&self, args: &[&str]) -> TestResult<String> {
        let out = Command::new("dunstctl")
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .stdin(Stdio::null())
            .output()?;
        if !out.status.success() {
            return Err(format!(
                "dunstctl {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// Waits until dunst shows `count` notifications.
    pub fn wait_displayed(&self, count: usize) -> TestResult {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let shown = self.dunstctl(&["count", "displayed"])?;
            if shown == count.to_string() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("dunst shows {shown} notifications, expected {count}").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        if let Some(dunst) = self.dunst.as_mut() {
            let _ = dunst.kill();
            let _ = dunst.wait();
        }
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
