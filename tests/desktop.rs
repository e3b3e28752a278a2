//! What the end-to-end tests see of the desktop around the window: the app's process,
//! its X11 window (found by `_NET_WM_PID`, closed the way a window manager closes
//! it, with a `WM_DELETE_WINDOW` message), and the notifications sent on the D-Bus
//! session bus (recorded by `dbus-monitor`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, MapState, Window,
};
use x11rb::rust_connection::RustConnection;

use crate::{TestResult, PATIENCE};

/// The process id of the app running on `data_dir` (its command line names it).
pub fn app_pid(data_dir: &Path) -> TestResult<u32> {
    let wanted = data_dir.to_string_lossy().into_owned();
    let deadline = Instant::now() + PATIENCE;
    loop {
        for entry in std::fs::read_dir("/proc")?.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                continue;
            };
            let args: Vec<String> = cmdline
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            let is_app = args.first().is_some_and(|a| a.ends_with("canon-desk"));
            if is_app && args.iter().any(|a| a == &wanted) {
                return Ok(pid);
            }
        }
        if Instant::now() > deadline {
            return Err(format!("no app process runs on {wanted}").into());
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
    /// Starts recording; returns once the monitor is attached to the bus.
    pub fn start() -> TestResult<NotificationLog> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("notifications.log");
        let child = Command::new("dbus-monitor")
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
