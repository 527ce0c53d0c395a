//! The real binary: starts on an empty folder, serves, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    logs: mpsc::Receiver<String>,
}

impl Drop for Server {
    /// A failed test must not leave a server running.
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Starts the server on a free port and waits for its "listening on" line.
fn start(db: &std::path::Path, demo: &str) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("BUURTPLEIN_DB", db)
        .env("BUURTPLEIN_DEMO", demo)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_OUTPUT_NAME", "buurtplein")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server binary");
    listening(child)
}

/// Waits for a started server's "listening on" line.
fn listening(child: Child) -> Server {
    let (sender, logs) = mpsc::channel();
    let mut server = Server {
        child,
        addr: String::new(),
        logs,
    };
    let stdout = server.child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = server
            .logs
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server should say where it listens");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            server.addr = rest.split_whitespace().next().unwrap().to_string();
            return server;
        }
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

fn stop(mut server: Server) -> Vec<String> {
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "exit status {exit:?}");
    server.logs.try_iter().collect()
}

#[test]
fn starts_serves_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    // A database in a folder that does not exist yet.
    let db = dir.path().join("nieuw").join("buurtplein.db");
    let server = start(&db, "1");
    assert!(db.exists());
    let health = get(&server.addr, "/health");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let home = get(&server.addr, "/");
    assert!(home.starts_with("HTTP/1.1 200"));
    // The demo neighbourhood, whatever the time of day: its places are one link away.
    assert!(home.contains("Alle 15 plekken in De Lindenhoek"), "{home}");
    let logs = stop(server);
    assert!(logs.iter().any(|l| l.contains("stopped")), "{logs:?}");

    // Started again on the same file: migrations and demo seed change nothing.
    let server = start(&db, "1");
    assert!(get(&server.addr, "/plekken").contains("15 plekken gevonden"));
    stop(server);
}

#[test]
fn the_demo_can_be_switched_off() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&dir.path().join("leeg.db"), "0");
    let page = get(&server.addr, "/plekken");
    assert!(page.starts_with("HTTP/1.1 200"));
    assert!(page.contains("0 plekken gevonden"));
    stop(server);
}

/// Runs `server create-admin` with the password on stdin.
fn create_admin(db: &std::path::Path, args: &[&str], password: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("create-admin")
        .args(args)
        .env("BUURTPLEIN_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run create-admin");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_first_admin_is_created_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nieuw").join("admin.db");
    let made = create_admin(&db, &["beheer", "Beheer Team"], "een lang wachtwoord");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(
        String::from_utf8_lossy(&made.stdout).contains("beheer (account 1) is an administrator")
    );

    let short = create_admin(&db, &["tweede"], "kort");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));
    let bad_name = create_admin(&db, &["met spatie"], "een lang wachtwoord");
    assert!(!bad_name.status.success());
    let unknown = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("verwijder-alles")
        .env("BUURTPLEIN_DB", &db)
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("usage:"));

    // The administrator can log in on the served site.
    let server = start(&db, "0");
    let body = "username=beheer&password=een+lang+wachtwoord";
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "POST /api/account/log-in HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        server.addr,
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.1 302"),
        "{answer}"
    );
    assert!(answer.contains("set-cookie: sessie="), "{answer}");
}

/// POSTs a urlencoded form to the running server; returns the whole raw answer.
fn post(addr: &str, path: &str, cookie: Option<&str>, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// Someone who signed up under a name before the operator made that name administrator
/// must not keep a browser that is now an administrator's: the command ends every session.
#[test]
fn making_an_existing_account_administrator_ends_its_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let server = start(&db, "0");
    let signed_up = post(
        &server.addr,
        "/api/account/sign-up",
        None,
        "username=beheerder&display_name=Niet+de+beheerder&password=een+lange+zin&password_again=een+lange+zin",
    );
    let cookie = signed_up
        .lines()
        .find_map(|line| line.strip_prefix("set-cookie: "))
        .and_then(|value| value.split(';').next())
        .unwrap_or_else(|| panic!("a session cookie: {signed_up}"))
        .to_string();
    let before = post(&server.addr, "/api/account/viewer", Some(&cookie), "");
    assert!(before.contains("\"username\":\"beheerder\""), "{before}");

    let made = create_admin(&db, &["beheerder"], "het echte beheerderswachtwoord");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let after = post(&server.addr, "/api/account/viewer", Some(&cookie), "");
    assert!(after.starts_with("HTTP/1.1 200"), "{after}");
    assert!(
        after.trim_end().ends_with("null") && !after.contains("beheerder"),
        "the old session still works: {after}"
    );
    let moderation = {
        let mut stream = TcpStream::connect(&server.addr).unwrap();
        write!(
            stream,
            "GET /moderatie HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n",
            server.addr
        )
        .unwrap();
        let mut page = String::new();
        stream.read_to_string(&mut page).unwrap();
        page
    };
    assert!(
        !moderation.starts_with("HTTP/1.1 200"),
        "the old cookie opens the moderation page"
    );
    stop(server);
}

/// Started the way systemd or a container starts it (a copy of the binary beside its site
/// folder, another working folder, none of cargo-leptos' variables), the server links the
/// CSS, JS and wasm under the names cargo-leptos gives them, and serves each.
#[test]
fn started_on_its_own_it_serves_every_asset_its_pages_link() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    let pkg = dir.path().join("site").join("pkg");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_server"), bin.join("server")).unwrap();
    for name in ["buurtplein.css", "buurtplein.js", "buurtplein_bg.wasm"] {
        std::fs::write(pkg.join(name), name).unwrap();
    }
    let work = dir.path().join("elders");
    std::fs::create_dir_all(&work).unwrap();
    let child = Command::new(bin.join("server"))
        .env_clear()
        .current_dir(&work)
        .env("BUURTPLEIN_DB", dir.path().join("site.db"))
        .env("BUURTPLEIN_DEMO", "1")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the copied binary");
    let server = listening(child);
    let home = get(&server.addr, "/");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    let assets: Vec<String> = home
        .split("/pkg/")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .collect()
        })
        .collect();
    for kind in [".css", ".js", ".wasm"] {
        assert!(
            assets.iter().any(|a| a.ends_with(kind)),
            "no {kind} linked: {assets:?}"
        );
    }
    for asset in &assets {
        assert!(asset.starts_with("buurtplein"), "{asset}");
        let answer = get(&server.addr, &format!("/pkg/{asset}"));
        assert!(answer.starts_with("HTTP/1.1 200"), "/pkg/{asset}: {answer}");
    }
    stop(server);
}

/// Runs `server backup|restore PATH` against a database.
fn database_command(
    db: &std::path::Path,
    command: &str,
    path: &std::path::Path,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg(command)
        .arg(path)
        .env("BUURTPLEIN_DB", db)
        .output()
        .expect("run the command")
}

#[test]
fn a_backup_is_taken_while_the_site_runs_and_restored_when_it_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let copy = dir.path().join("backup.db");
    let server = start(&db, "1");
    let made = database_command(&db, "backup", &copy);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(String::from_utf8_lossy(&made.stdout).contains("integrity check: ok"));
    // Never over an existing file.
    let again = database_command(&db, "backup", &copy);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // Not while the server has the database open.
    let refused = database_command(&db, "restore", &copy);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("stop the server"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    stop(server);

    let restored = database_command(&db, "restore", &copy);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert!(String::from_utf8_lossy(&restored.stdout).contains("before-restore"));
    let server = start(&db, "0");
    assert!(get(&server.addr, "/plekken").contains("15 plekken gevonden"));
    stop(server);
}
