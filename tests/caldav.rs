//! A real CalDAV server on 127.0.0.1: Radicale (the Debian package `radicale`, which
//! `./x test` installs), with its storage in a temporary folder and a login checked
//! against an htpasswd file. It can be stopped and started again on the same port and
//! storage, as a server that goes away mid-run and comes back. [`request`] speaks
//! plain HTTP to it, as another calendar app would, to read or edit its events.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
#[cfg(unix)]
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::TestResult;

/// A running Radicale.
pub struct Radicale {
    child: Option<Child>,
    /// The port it listens on, kept across restarts.
    pub port: u16,
    dir: tempfile::TempDir,
    /// The user name it accepts.
    pub username: String,
    /// That user's password.
    pub password: String,
}

impl Radicale {
    /// Starts Radicale on a free port with one user, `username` / `password`.
    pub fn start(username: &str, password: &str) -> TestResult<Radicale> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("users"), format!("{username}:{password}\n"))?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let mut server = Radicale {
            child: None,
            port,
            dir,
            username: username.to_owned(),
            password: password.to_owned(),
        };
        server.resume()?;
        Ok(server)
    }

    /// The server's address, as a user would type it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The folder that holds the user's calendars (`collection-root/<user>`).
    pub fn user_folder(&self) -> PathBuf {
        self.dir
            .path()
            .join("store")
            .join("collection-root")
            .join(&self.username)
    }

    /// Starts the server again after [`Radicale::stop`], on the same port and storage.
    pub fn resume(&mut self) -> TestResult {
        if self.child.is_some() {
            return Ok(());
        }
        let log = std::fs::File::create(self.dir.path().join("radicale.log"))?;
        let mut command = Command::new("radicale");
        command
            .arg("--config")
            .arg("")
            .arg("--server-hosts")
            .arg(format!("127.0.0.1:{}", self.port))
            .arg("--storage-filesystem-folder")
            .arg(self.dir.path().join("store"))
            .args(["--auth-type", "htpasswd", "--auth-htpasswd-filename"])
            .arg(self.dir.path().join("users"))
            .args([
                "--auth-htpasswd-encryption",
                "plain",
                "--auth-delay",
                "0",
                "--logging-level",
                "warning",
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        #[cfg(unix)]
        command.process_group(0);
        let child = command.spawn().map_err(|e| {
            format!("could not start radicale ({e}); `./x test` installs the Debian package")
        })?;
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if Instant::now() > deadline {
                return Err(format!(
                    "radicale did not listen on {} within 30 s; its log: {}",
                    self.port,
                    std::fs::read_to_string(self.dir.path().join("radicale.log"))
                        .unwrap_or_default()
                )
                .into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    /// Stops the server (its storage stays).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The events (`.ics` files) in the user's calendar `calendar`, by file name, with
    /// their text, read straight from the server's storage.
    pub fn events(&self, calendar: &str) -> TestResult<Vec<(String, String)>> {
        let folder = self.user_folder().join(calendar.trim_matches('/'));
        let mut found = Vec::new();
        if !folder.exists() {
            return Ok(found);
        }
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "ics") {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                found.push((name, std::fs::read_to_string(&path)?));
            }
        }
        found.sort();
        Ok(found)
    }

    /// Sends one HTTP request as the user and returns the status, the ETag header and
    /// the body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> TestResult<(u16, Option<String>, String)> {
        request(
            self.port,
            &self.username,
            &self.password,
            method,
            path,
            headers,
            body,
        )
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One HTTP/1.1 request to 127.0.0.1:`port` with a Basic login; the connection is
/// closed after the answer, which is read whole.
pub fn request(
    port: u16,
    username: &str,
    password: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> TestResult<(u16, Option<String>, String)> {
    use base64::Engine as _;
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         Authorization: Basic {}\r\nContent-Length: {}\r\n",
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}")),
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no HTTP status in {head:?}"))?;
    let etag = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("etag")
            .then(|| value.trim().to_owned())
    });
    Ok((status, etag, body.to_owned()))
}
