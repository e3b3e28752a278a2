//! SMTP failures named for what happened, each with its own fix: against a real
//! server and real closed ports on 127.0.0.1, through the app's real mailer.

use canon_desk_app::mailer::{FailureCode, Mailer, SmtpMailer};
use canon_desk_tests::smtp::{self, Mode, SmtpServer};

use super::{config, TestResult};

#[tokio::test]
async fn each_smtp_failure_says_what_happened() -> TestResult {
    let mailer = SmtpMailer;

    // Nothing listens on the port: the host was reached, the port was not.
    let closed = mailer
        .test(&config(smtp::closed_port()?), None)
        .await
        .err()
        .map(|f| f.code);
    assert_eq!(
        closed,
        Some(FailureCode::Refused),
        "a closed port must read as 'nothing answers on this port'"
    );

    // The server answers but offers no login, and a user name is set.
    let server = SmtpServer::start(Mode::Accept)?;
    let mut with_user = config(server.port);
    with_user.username = "compta@atelier.example".into();
    let no_login = mailer
        .test(&with_user, Some("secret"))
        .await
        .err()
        .map(|f| f.code);
    assert_eq!(
        no_login,
        Some(FailureCode::NoLogin),
        "a server without login must read as 'clear the user name', not as unreachable"
    );

    // The same server without a user name: the test succeeds.
    assert_eq!(
        mailer.test(&config(server.port), None).await.err(),
        None,
        "the server answers and needs no login"
    );
    Ok(())
}
