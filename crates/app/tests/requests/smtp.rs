//! A real SMTP server on 127.0.0.1 (mailin-embedded, in-process) that keeps what it
//! receives, and a listener that accepts connections and never answers.

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};

use mailin_embedded::{response, Handler, Response, Server, SslConfig};

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
}

/// A running server: its port and what it received.
pub struct SmtpServer {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl SmtpServer {
    /// Starts a server in a background thread; it lives as long as the test process.
    pub fn start(mode: Mode) -> Result<SmtpServer, Box<dyn std::error::Error>> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let keeper = Keeper {
            mode,
            inbox: Arc::clone(&inbox),
            current: Received::default(),
        };
        let mut server = Server::new(keeper);
        server
            .with_name("localhost")
            .with_ssl(SslConfig::None)
            .map_err(|e| e.to_string())?
            .with_num_threads(2)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            // serve() only returns on a listener failure; the test then sees no mail.
            let _ = server.serve().map_err(|e| e.to_string());
        });
        Ok(SmtpServer { port, inbox })
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
