//! A mail server for the tests: it takes every message and hands it to the test.

use std::time::Duration;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    sync::mpsc,
};

/// A message the SMTP sink took: its recipients and its text (headers and body).
#[derive(Debug)]
pub struct Captured {
    pub to: Vec<String>,
    pub data: String,
}

/// A mail server that takes every message and hands it to the test: EHLO/HELO, MAIL, RCPT,
/// DATA and QUIT, enough for lettre. Returns its port.
pub async fn smtp_sink() -> (u16, mpsc::UnboundedReceiver<Captured>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (sent, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let sent = sent.clone();
            tokio::spawn(async move {
                let _ = smtp_session(stream, sent).await;
            });
        }
    });
    (port, received)
}

async fn smtp_session(
    stream: TcpStream,
    sent: mpsc::UnboundedSender<Captured>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink.test ESMTP\r\n").await?;
    let mut to = Vec::new();
    while let Some(line) = lines.next_line().await? {
        let command = line.to_ascii_uppercase();
        let answer: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250 sink.test\r\n"
        } else if command.starts_with("MAIL FROM:") {
            to.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO:") {
            let address = line[8..].trim().trim_start_matches('<');
            to.push(address.split('>').next().unwrap_or_default().to_string());
            b"250 OK\r\n"
        } else if command == "DATA" {
            write.write_all(b"354 End with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            while let Some(line) = lines.next_line().await? {
                if line == "." {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
                data.push('\n');
            }
            let _ = sent.send(Captured {
                to: std::mem::take(&mut to),
                data,
            });
            b"250 Queued\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else if command == "RSET" || command == "NOOP" {
            b"250 OK\r\n"
        } else {
            b"502 Not here\r\n"
        };
        write.write_all(answer).await?;
    }
    Ok(())
}

/// The next message, if one arrives within `wait`.
pub async fn next_mail(
    mails: &mut mpsc::UnboundedReceiver<Captured>,
    wait: Duration,
) -> Option<Captured> {
    tokio::time::timeout(wait, mails.recv())
        .await
        .ok()
        .flatten()
}

/// A body as written: quoted-printable soft breaks and escapes undone, if any.
pub fn decoded(data: &str) -> String {
    let (headers, body) = data.split_once("\n\n").unwrap_or(("", data));
    if !headers
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: quoted-printable")
    {
        return body.to_string();
    }
    let joined = body.replace("=\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The app sending its mail to the sink on `port`, with links to `origin`.
pub async fn mailing_app(port: u16, origin: &str) -> super::TestApp {
    super::configured_app(false, |state| {
        state.public_origin = Some(app::state::PublicOrigin::parse(origin).unwrap());
        state.mailer = app::mail::Mailer::smtp(
            &format!("smtp://127.0.0.1:{port}"),
            "Buurtplein <noreply@buurtplein.test>",
            Some("buurtplein.test"),
        )
        .unwrap();
    })
    .await
}
