//! Sending mail (server only). The app state holds one [`Mailer`]: switched off unless the
//! server is given an SMTP address (`BUURTPLEIN_SMTP_URL`), so every feature that mails
//! asks [`Mailer::is_configured`] and offers another way when it is off.
//!
//! Messages are plain text. Their headers are made from a checked address and a fixed
//! subject; what residents typed only ever goes into the body. [`Mailer::send_later`] hands
//! a message to a background task and returns at once, so a slow or broken mail server never
//! holds up a page, and a failure is logged (its kind and SMTP code, never an address or a
//! body) instead of reaching the visitor.

use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::extension::ClientId,
    Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::sync::{
    atomic::{AtomicUsize, Ordering},
    Arc,
};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The most messages waiting or being sent at once; more are dropped (and logged).
pub const MAX_PENDING: usize = 100;
/// Messages sent at the same time.
pub const PARALLEL: usize = 2;
/// Each SMTP command must be answered within this time.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(15);
/// One message must be delivered to the mail server within this time.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// One plain-text message.
#[derive(Clone, PartialEq, Eq)]
pub struct Mail {
    /// The recipient's address only, without a display name.
    pub to: String,
    /// A fixed text of the site, one line.
    pub subject: String,
    pub body: String,
}

/// Addresses and bodies stay out of logs and panics.
impl std::fmt::Debug for Mail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mail")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// Why a message was not sent. Carries no address, body or server text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("no mail server configured")]
    NotConfigured,
    #[error("not a valid recipient address")]
    BadAddress,
    #[error("the message could not be built")]
    Build,
    #[error("too many messages waiting")]
    Busy,
    #[error("the mail server did not answer in time")]
    Timeout,
    #[error("sending failed ({kind}{})", code.as_ref().map(|c| format!(", SMTP {c}")).unwrap_or_default())]
    Send {
        kind: &'static str,
        code: Option<String>,
    },
}

struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    slots: Semaphore,
    pending: AtomicUsize,
}

/// Sends mail through one SMTP server, or nothing when none is configured.
#[derive(Clone, Default)]
pub struct Mailer {
    smtp: Option<Arc<Smtp>>,
}

/// The SMTP address may hold a password: only whether mail is on is shown.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("configured", &self.is_configured())
            .finish()
    }
}

impl Mailer {
    /// A mailer that sends nothing.
    pub fn disabled() -> Mailer {
        Mailer::default()
    }

    /// A mailer for the SMTP server at `url`: `smtp://host:port` (plain, for a relay on the
    /// same machine), `smtp://user:pass@host?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host` (TLS from the start). `from` is the sender, such as
    /// `Buurtplein <noreply@buurtplein.example.nl>`; `hello_name` the name the server is
    /// greeted with (the site's host). Nothing is connected yet.
    pub fn smtp(url: &str, from: &str, hello_name: Option<&str>) -> Result<Mailer, String> {
        let url = url.trim();
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err("must start with smtp:// or smtps://".into());
        }
        // lettre's messages about a URL never repeat the URL, so no password leaks here.
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("not a usable SMTP address: {e}"))?
            .timeout(Some(COMMAND_TIMEOUT));
        if let Some(name) = hello_name.filter(|name| !name.is_empty()) {
            builder = builder.hello_name(ClientId::Domain(name.to_string()));
        }
        let from: Mailbox = from.trim().parse().map_err(|_| {
            format!("{from:?} is not a sender address like Buurtplein <noreply@example.nl>")
        })?;
        Ok(Mailer {
            smtp: Some(Arc::new(Smtp {
                transport: builder.build(),
                from,
                slots: Semaphore::new(PARALLEL),
                pending: AtomicUsize::new(0),
            })),
        })
    }

    /// Whether this server sends mail at all.
    pub fn is_configured(&self) -> bool {
        self.smtp.is_some()
    }

    /// The message as it goes out. The recipient must be a plain address and the subject one
    /// line, so nothing can add a header.
    pub fn message(&self, mail: &Mail) -> Result<Message, MailError> {
        let smtp = self.smtp.as_ref().ok_or(MailError::NotConfigured)?;
        let to: Address = mail.to.trim().parse().map_err(|_| MailError::BadAddress)?;
        if mail.subject.chars().any(char::is_control) {
            return Err(MailError::Build);
        }
        // An id in the sender's domain, as mail servers expect of a message.
        let id = format!(
            "<{}@{}>",
            crate::token::new_token(),
            smtp.from.email.domain()
        );
        Message::builder()
            .message_id(Some(id))
            .from(smtp.from.clone())
            .to(Mailbox::new(None, to))
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|_| MailError::Build)
    }

    /// Sends one message and waits until the mail server took it (or refused it).
    pub async fn send(&self, mail: Mail) -> Result<(), MailError> {
        let smtp = self.smtp.as_ref().ok_or(MailError::NotConfigured)?;
        let message = self.message(&mail)?;
        let _slot = smtp.slots.acquire().await.map_err(|_| MailError::Busy)?;
        match tokio::time::timeout(SEND_TIMEOUT, smtp.transport.send(message)).await {
            Err(_) => Err(MailError::Timeout),
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(MailError::Send {
                kind: if error.is_timeout() {
                    "timeout"
                } else if error.is_permanent() {
                    "permanent"
                } else if error.is_transient() {
                    "transient"
                } else if error.is_tls() {
                    "tls"
                } else if error.is_client() {
                    "client"
                } else {
                    "connection"
                },
                code: error.status().map(|code| code.to_string()),
            }),
        }
    }

    /// Sends the message in the background and returns at once; `what` names it in the log
    /// ("password reset link"). A failure is logged, never returned.
    pub fn send_later(&self, mail: Mail, what: &'static str) {
        let Some(smtp) = self.smtp.clone() else {
            tracing::warn!(what, "no mail server configured; message not sent");
            return;
        };
        if smtp.pending.fetch_add(1, Ordering::SeqCst) >= MAX_PENDING {
            smtp.pending.fetch_sub(1, Ordering::SeqCst);
            tracing::warn!(what, error = %MailError::Busy, "message not sent");
            return;
        }
        let mailer = self.clone();
        tokio::spawn(async move {
            let result = mailer.send(mail).await;
            smtp.pending.fetch_sub(1, Ordering::SeqCst);
            match result {
                Ok(()) => tracing::info!(what, "message sent"),
                Err(error) => tracing::warn!(what, %error, "sending a message failed"),
            }
        });
    }
}

/// The mail that tells a resident an activity they joined will not take place: what the
/// account page's notices say, with a link to the place. `origin` is the site's configured
/// address; the subject is a fixed text, what a host typed (the title) is only in the body.
pub fn cancellation(
    t: &crate::i18n::Texts,
    to: String,
    notices: &[crate::model::activity::CancelNotice],
    origin: &str,
) -> Option<Mail> {
    use crate::components::occurrence::notice_text;
    use crate::i18n::fill;
    let first = notices.first()?;
    let lines: Vec<String> = notices
        .iter()
        .map(|n| format!("{} {}", t.notice_cancelled, notice_text(t, n)))
        .collect();
    let body = fill(
        t.cancel_mail_body,
        &[
            ("notices", &lines.join("\n")),
            ("place", &first.place_name),
            ("url", &format!("{origin}/plekken/{}", first.place_slug)),
            ("account", &format!("{origin}/account")),
        ],
    );
    Some(Mail {
        to,
        subject: t.cancel_mail_subject.to_string(),
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailer() -> Mailer {
        Mailer::smtp(
            "smtp://127.0.0.1:2525",
            "Buurtplein <noreply@buurtplein.test>",
            Some("buurtplein.test"),
        )
        .unwrap()
    }

    #[test]
    fn configuration_is_checked_and_never_shown() {
        assert!(!Mailer::disabled().is_configured());
        assert!(mailer().is_configured());
        let secret = Mailer::smtp(
            "smtps://iemand:geheim@mail.example.nl",
            "noreply@example.nl",
            None,
        )
        .unwrap();
        assert!(!format!("{secret:?}").contains("geheim"));
        for bad in ["http://mail.example.nl", "mail.example.nl", "smtp://", ""] {
            assert!(
                Mailer::smtp(bad, "noreply@example.nl", None).is_err(),
                "{bad}"
            );
        }
        assert!(Mailer::smtp("smtp://127.0.0.1:2525", "geen adres", None).is_err());
    }

    #[test]
    fn nothing_typed_reaches_a_header() {
        let mailer = mailer();
        let mail = |to: &str, subject: &str| Mail {
            to: to.into(),
            subject: subject.into(),
            body: "Hallo\r\nBcc: iemand@example.nl\r\n\r\ntekst".into(),
        };
        assert_eq!(
            mailer
                .message(&mail("a@b.nl\r\nBcc: c@d.nl", "Onderwerp"))
                .err(),
            Some(MailError::BadAddress)
        );
        assert_eq!(
            mailer.message(&mail("Anna <a@b.nl>", "Onderwerp")).err(),
            Some(MailError::BadAddress),
            "an address only, no display name"
        );
        assert_eq!(
            mailer
                .message(&mail("a@b.nl", "Onderwerp\r\nBcc: c@d.nl"))
                .err(),
            Some(MailError::Build)
        );
        let message = mailer.message(&mail("a@b.nl", "Onderwerp")).unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        let (headers, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(headers.contains("To: a@b.nl"), "{headers}");
        assert!(headers.contains("Subject: Onderwerp"), "{headers}");
        assert!(
            headers.contains("@buurtplein.test>"),
            "a message id: {headers}"
        );
        assert!(!headers.contains("Bcc"), "{headers}");
        assert!(
            body.contains("Bcc: iemand@example.nl"),
            "the body stays the body"
        );
        assert_eq!(
            Mailer::disabled().message(&mail("a@b.nl", "x")).err(),
            Some(MailError::NotConfigured)
        );
    }

    #[test]
    fn debug_output_holds_no_address_or_body() {
        let mail = Mail {
            to: "anna@example.nl".into(),
            subject: "Onderwerp".into(),
            body: "geheime link".into(),
        };
        let shown = format!("{mail:?}");
        assert!(
            !shown.contains("anna") && !shown.contains("geheime"),
            "{shown}"
        );
    }
}
