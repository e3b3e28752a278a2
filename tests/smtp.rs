//! A real SMTP server on 127.0.0.1 (mailin-embedded, in-process) that keeps what it
//! receives, and a listener that accepts connections and never answers.

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};

use mailin_embedded::{response, AuthMechanism, Handler, Response, Server, SslConfig};

/// One message as the server received it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    /// RCPT TO addresses.
    pub to: Vec<String>,
    /// The raw DATA.
    pub data: String,
}

/// How the server answers at the end of DATA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Accepts the message.
    Accept,
    /// Refuses every recipient for good (550).
    Reject,
}

#[derive(Clone)]
struct Keeper {
    mode: Mode,
    /// The only user name and password accepted, when the server asks for a login.
    login: Option<(String, String)>,
    inbox: Arc<Mutex<Vec<Received>>>,
    current: Received,
}

impl Handler for Keeper {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Received {
            to: to.to_vec(),
            data: String::new(),
        };
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.data.push_str(&String::from_utf8_lossy(buf));
        Ok(())
    }

    fn rcpt(&mut self, _to: &str) -> Response {
        if self.mode == Mode::Reject {
            return response::NO_MAILBOX;
        }
        response::OK
    }

    fn data_end(&mut self) -> Response {
        if let Ok(mut inbox) = self.inbox.lock() {
            inbox.push(std::mem::take(&mut self.current));
        }
        response::OK
    }

    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        response::OK
    }

    fn auth_plain(&mut self, _authorization_id: &str, user: &str, password: &str) -> Response {
        self.auth_login(user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        match &self.login {
            Some((u, p)) if u == user && p == password => response::AUTH_OK,
            _ => response::INVALID_CREDENTIALS,
        }
    }
}

/// A running server: its port and what it received.
pub struct SmtpServer {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
    /// The self-signed certificate (PEM) of a server started with [`SmtpServer::start_secure`].
    pub certificate_pem: Option<String>,
    /// Keeps the certificate files alive as long as the server.
    _certificates: Option<tempfile::TempDir>,
}

impl SmtpServer {
    /// Starts a server in a background thread; it lives as long as the test process.
    pub fn start(mode: Mode) -> Result<SmtpServer, Box<dyn std::error::Error>> {
        Self::start_with(mode, None)
    }

    /// Starts a server that offers STARTTLS with a fresh self-signed certificate for
    /// `localhost` and accepts only the given login.
    pub fn start_secure(
        user: &str,
        password: &str,
    ) -> Result<SmtpServer, Box<dyn std::error::Error>> {
        Self::start_with(Mode::Accept, Some((user.to_owned(), password.to_owned())))
    }

    fn start_with(
        mode: Mode,
        login: Option<(String, String)>,
    ) -> Result<SmtpServer, Box<dyn std::error::Error>> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let secure = login.is_some();
        let keeper = Keeper {
            mode,
            login,
            inbox: Arc::clone(&inbox),
            current: Received::default(),
        };
        let (ssl, certificate_pem, certificates) = if secure {
            crate::use_ring_crypto();
            let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()])?;
            let dir = tempfile::tempdir()?;
            let (cert_path, key_path) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
            let pem = cert.cert.pem();
            std::fs::write(&cert_path, &pem)?;
            std::fs::write(&key_path, cert.key_pair.serialize_pem())?;
            let ssl = SslConfig::SelfSigned {
                cert_path: cert_path.to_string_lossy().into_owned(),
                key_path: key_path.to_string_lossy().into_owned(),
            };
            (ssl, Some(pem), Some(dir))
        } else {
            (SslConfig::None, None, None)
        };
        let mut server = Server::new(keeper);
        server
            .with_name("localhost")
            .with_ssl(ssl)
            .map_err(|e| e.to_string())?
            .with_num_threads(2)
            .with_tcp_listener(listener);
        if secure {
            server
                .with_auth(AuthMechanism::Plain)
                .with_auth(AuthMechanism::Login);
        }
        std::thread::spawn(move || {
            // serve() only returns on a listener failure; the test then sees no mail.
            let _ = server.serve().map_err(|e| e.to_string());
        });
        Ok(SmtpServer {
            port,
            inbox,
            certificate_pem,
            _certificates: certificates,
        })
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().map(|i| i.clone()).unwrap_or_default()
    }
}

/// A port with nothing listening (bound, then released).
pub fn closed_port() -> Result<u16, std::io::Error> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    drop(listener);
    Ok(port)
}

/// A listener that accepts connections and never says a word, so a client waiting
/// for the SMTP greeting times out. The listener is returned to keep it open.
pub fn silent_listener() -> Result<(TcpListener, u16), std::io::Error> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    Ok((listener, port))
}
