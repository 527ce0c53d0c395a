//! `make soak`: the release server under concurrent writers and readers for a fixed time.
//!
//! Run one: sign-ups, replies, joins and walk-ins at the door from many clients at once,
//! with readers on the busiest pages; then the server stops and every write it acknowledged
//! must be in the database, and no request may have had a 5xx.
//!
//! Run two: the same load, and halfway the server is killed with SIGKILL. It is started
//! again on the same file: `PRAGMA integrity_check` must say ok and every write
//! acknowledged before the kill must be there.
//!
//! `SOAK_SECONDS` sets the length of each run (default 60). Not part of `cargo test`: the
//! target has `test = false`, so only `make soak` runs it.

use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, Connection};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{
    atomic::{AtomicBool, AtomicU64, Ordering},
    Arc, Mutex,
};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const WRITERS: usize = 12;
const READERS: usize = 6;
const REPLIES_PER_ACCOUNT: usize = 3;
const ADMIN: &str = "beheerder";
const ADMIN_PASSWORD: &str = "soak-beheer-wachtwoord";
const PLACE: &str = "buurthuis-de-linde";
/// A Tuesday morning, as in the browser tests, so the activity below takes place today.
const FIXED_TIME: &str = "2026-11-24T10:30:00+01:00";
const DATE: &str = "2026-11-24";

/// The server process; a failed run must not leave it running.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn start(db: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("BUURTPLEIN_DB", db)
        .env("BUURTPLEIN_DEMO", "1")
        .env("BUURTPLEIN_FIXED_TIME", FIXED_TIME)
        // One address sends everything here; the limits themselves have their own tests.
        .env("BUURTPLEIN_LIMIT_FACTOR", "100000")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_OUTPUT_NAME", "buurtplein")
        .env("RUST_LOG", "warn,server=info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the server binary");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server should say where it listens");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            let addr = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            return Server { child, addr };
        }
    }
}

/// Stops the server the way a service manager does, and waits for it.
fn stop(mut server: Server) {
    let sent = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    assert!(sent, "could not send SIGTERM");
    let exit = server.child.wait().expect("wait for the server");
    assert!(exit.success(), "the server stopped with {exit:?}");
}

fn create_admin(db: &Path) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["create-admin", ADMIN, "Beheer"])
        .env("BUURTPLEIN_DB", db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("run create-admin");
    writeln!(child.stdin.take().unwrap(), "{ADMIN_PASSWORD}").unwrap();
    assert!(child.wait().unwrap().success(), "create-admin failed");
}

/// What came back: the status and the head (for cookies).
struct Reply {
    status: u16,
    head: String,
}

impl Reply {
    fn ok(&self) -> bool {
        (200..400).contains(&self.status)
    }

    fn session(&self) -> Option<String> {
        self.head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, value)| value.trim())
            .find(|v| v.starts_with("sessie="))
            .and_then(|v| v.split(';').next())
            .map(str::to_string)
    }
}

/// One HTTP/1.1 request on its own connection. A form post is sent as `ActionForm` does
/// with JavaScript: urlencoded, from this site.
async fn http(addr: &str, path: &str, cookie: Option<&str>, form: Option<&str>) -> Option<Reply> {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        let method = if form.is_some() { "POST" } else { "GET" };
        let mut request =
            format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
        if let Some(cookie) = cookie {
            request.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if let Some(body) = form {
            request.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            ));
        } else {
            request.push_str("\r\n");
        }
        stream.write_all(request.as_bytes()).await?;
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).await?;
        Ok::<_, std::io::Error>(bytes)
    };
    let bytes = tokio::time::timeout(Duration::from_secs(30), exchange)
        .await
        .ok()?
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let head = text.split("\r\n\r\n").next()?.to_string();
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some(Reply { status, head })
}

/// What the clients saw. A write counts as acknowledged only once its whole answer came.
#[derive(Default)]
struct Tally {
    requests: AtomicU64,
    server_errors: AtomicU64,
    refused: AtomicU64,
    unanswered: AtomicU64,
    users: Mutex<Vec<String>>,
    posts: Mutex<Vec<String>>,
    joins: Mutex<Vec<String>>,
    walk_ins: Mutex<Vec<String>>,
}

impl Tally {
    async fn send(
        &self,
        addr: &str,
        path: &str,
        cookie: Option<&str>,
        form: Option<&str>,
    ) -> Option<Reply> {
        let reply = http(addr, path, cookie, form).await;
        match &reply {
            Some(r) => {
                self.requests.fetch_add(1, Ordering::Relaxed);
                if r.status >= 500 {
                    self.server_errors.fetch_add(1, Ordering::Relaxed);
                    eprintln!("  5xx: {} {path}", r.status);
                } else if !r.ok() {
                    self.refused.fetch_add(1, Ordering::Relaxed);
                }
            }
            None => {
                self.unanswered.fetch_add(1, Ordering::Relaxed);
            }
        }
        reply.filter(Reply::ok)
    }

    /// Sends a write and, once it is acknowledged, records `key` in `into`.
    async fn write(
        &self,
        addr: &str,
        path: &str,
        cookie: &str,
        form: &str,
        into: &Mutex<Vec<String>>,
        key: String,
    ) {
        if self
            .send(addr, path, Some(cookie), Some(form))
            .await
            .is_some()
        {
            into.lock().unwrap().push(key);
        }
    }

    fn acknowledged(&self) -> usize {
        [&self.users, &self.posts, &self.joins, &self.walk_ins]
            .iter()
            .map(|list| list.lock().unwrap().len())
            .sum()
    }
}

/// The ids the load needs: a thread to reply in and an activity to join, made through the
/// site by the administrator, who also becomes host of the place (for the door).
struct Setup {
    thread: i64,
    activity: i64,
    admin_cookie: String,
}

async fn set_up(addr: &str, db: &Path, tally: &Tally) -> Setup {
    let login = tally
        .send(
            addr,
            "/api/account/log-in",
            None,
            Some(&format!("username={ADMIN}&password={ADMIN_PASSWORD}")),
        )
        .await
        .expect("the administrator logs in");
    let cookie = login.session().expect("a session cookie");
    let steps = [
        (
            "/api/moderation/grant",
            format!("username={ADMIN}&role=host&place={PLACE}"),
        ),
        (
            "/api/threads/start",
            format!("title=Soak+test&body=Hier+praten+we&place={PLACE}"),
        ),
    ];
    for (path, form) in steps {
        tally
            .send(addr, path, Some(&cookie), Some(&form))
            .await
            .unwrap_or_else(|| panic!("{path} should succeed"));
    }
    let mut conn = open(db).await;
    let place: i64 = sqlx::query_scalar("SELECT id FROM places WHERE slug = ?")
        .bind(PLACE)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    tally
        .send(
            addr,
            "/api/activities/create",
            Some(&cookie),
            Some(&format!(
                "place={place}&form[title]=Inloopochtend&form[date]={DATE}&form[start]=09:00&form[end]=17:00&form[repeat]=weekly"
            )),
        )
        .await
        .expect("the activity is created");
    let thread = sqlx::query_scalar("SELECT max(id) FROM threads")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let activity = sqlx::query_scalar("SELECT max(id) FROM activities")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    Setup {
        thread,
        activity,
        admin_cookie: cookie,
    }
}

async fn open(db: &Path) -> sqlx::SqliteConnection {
    SqliteConnectOptions::new()
        .filename(db)
        .read_only(true)
        .connect()
        .await
        .expect("open the database")
}

/// What every simulated client shares.
#[derive(Clone)]
struct Client {
    /// Tells the runs apart in usernames and names.
    run: &'static str,
    addr: String,
    setup: Arc<Setup>,
    tally: Arc<Tally>,
    stop: Arc<AtomicBool>,
}

/// A resident: signs up, replies a few times, joins the activity; again and again.
async fn writer(n: usize, c: Client) {
    let mut i = 0;
    while !c.stop.load(Ordering::Relaxed) {
        i += 1;
        let username = format!("soak{}w{n}n{i}", c.run);
        let form = format!(
            "username={username}&display_name=Buur+{n}+{i}&password=een+lange+zin+voor+de+test&password_again=een+lange+zin+voor+de+test"
        );
        let Some(cookie) = c
            .tally
            .send(&c.addr, "/api/account/sign-up", None, Some(&form))
            .await
            .and_then(|r| r.session())
        else {
            continue;
        };
        c.tally.users.lock().unwrap().push(username.clone());
        for j in 0..REPLIES_PER_ACCOUNT {
            if c.stop.load(Ordering::Relaxed) {
                return;
            }
            let body = format!("Bericht-{username}-{j}");
            let form = format!("thread={}&body={body}", c.setup.thread);
            c.tally
                .write(
                    &c.addr,
                    "/api/threads/reply",
                    &cookie,
                    &form,
                    &c.tally.posts,
                    body,
                )
                .await;
        }
        let form = format!("activity={}&date={DATE}", c.setup.activity);
        c.tally
            .write(
                &c.addr,
                "/api/activities/join",
                &cookie,
                &form,
                &c.tally.joins,
                username,
            )
            .await;
    }
}

/// The host at the door, adding walk-ins one after another.
async fn door(c: Client) {
    let mut k = 0;
    while !c.stop.load(Ordering::Relaxed) {
        k += 1;
        let name = format!("Gast{}{k}", c.run);
        let form = format!(
            "activity={}&date={DATE}&people=1&first_name={name}",
            c.setup.activity
        );
        let cookie = &c.setup.admin_cookie;
        c.tally
            .write(
                &c.addr,
                "/api/manage/walk-in",
                cookie,
                &form,
                &c.tally.walk_ins,
                name,
            )
            .await;
    }
}

async fn reader(n: usize, c: Client) {
    let pages = [
        "/".to_string(),
        "/plekken?q=koffie".to_string(),
        format!("/plekken/{PLACE}"),
        "/gesprekken".to_string(),
        format!("/gesprekken/{}", c.setup.thread),
        "/activiteiten".to_string(),
    ];
    let mut i = n;
    while !c.stop.load(Ordering::Relaxed) {
        c.tally
            .send(&c.addr, &pages[i % pages.len()], None, None)
            .await;
        i += 1;
    }
}

/// Runs the load until `stop` is set; returns when every client has stopped.
async fn load(client: Client) {
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..WRITERS {
        tasks.spawn(writer(n, client.clone()));
    }
    tasks.spawn(door(client.clone()));
    for n in 0..READERS {
        tasks.spawn(reader(n, client.clone()));
    }
    while tasks.join_next().await.is_some() {}
}

/// How many acknowledged writes the database holds, and which are missing.
async fn find(db: &Path, tally: &Tally) -> (usize, Vec<String>) {
    let mut conn = open(db).await;
    let mut missing = Vec::new();
    let mut found = 0;
    let checks: [(&Mutex<Vec<String>>, &str); 4] = [
        (&tally.users, "SELECT username FROM users"),
        (&tally.posts, "SELECT body_source FROM posts"),
        (
            &tally.joins,
            "SELECT u.username FROM signups s JOIN users u ON u.id = s.user_id",
        ),
        (
            &tally.walk_ins,
            "SELECT first_name FROM walk_ins WHERE first_name IS NOT NULL",
        ),
    ];
    for (acknowledged, sql) in checks {
        let present: HashSet<String> = sqlx::query_scalar(sql)
            .fetch_all(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .collect();
        for write in acknowledged.lock().unwrap().iter() {
            if present.contains(write) {
                found += 1;
            } else {
                missing.push(write.clone());
            }
        }
    }
    (found, missing)
}

async fn integrity(db: &Path) -> String {
    let mut conn = open(db).await;
    let result = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap_or_else(|e| e.to_string());
    conn.close().await.ok();
    result
}

fn report(tally: &Tally) {
    let count = |list: &Mutex<Vec<String>>| list.lock().unwrap().len();
    for (label, counter) in [
        ("requests served", &tally.requests),
        ("5xx responses", &tally.server_errors),
        ("refused (4xx)", &tally.refused),
        ("unanswered", &tally.unanswered),
    ] {
        println!("  {label:<21} {:>8}", counter.load(Ordering::Relaxed));
    }
    println!(
        "  writes acknowledged   {:>8}  (sign-ups {}, replies {}, joins {}, walk-ins {})",
        tally.acknowledged(),
        count(&tally.users),
        count(&tally.posts),
        count(&tally.joins),
        count(&tally.walk_ins)
    );
}

/// A fresh database with an administrator, the server on it, and the load running.
async fn begin(db: &Path, run: &'static str) -> (Server, Client, tokio::task::JoinHandle<()>) {
    create_admin(db);
    let server = start(db);
    let tally = Arc::new(Tally::default());
    let setup = Arc::new(set_up(&server.addr, db, &tally).await);
    let client = Client {
        run,
        addr: server.addr.clone(),
        setup,
        tally,
        stop: Arc::new(AtomicBool::new(false)),
    };
    let running = tokio::spawn(load(client.clone()));
    (server, client, running)
}

/// Run one: steady load, a clean stop, then every write checked.
async fn steady(dir: &Path, seconds: u64) -> Vec<String> {
    let db = dir.join("steady.db");
    let started = Instant::now();
    let (server, client, running) = begin(&db, "a").await;
    let tally = client.tally;
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    client.stop.store(true, Ordering::Relaxed);
    running.await.unwrap();
    let elapsed = started.elapsed();
    stop(server);
    println!(
        "steady run: {:.0?}, {WRITERS} writers, 1 host at the door, {READERS} readers",
        elapsed
    );
    report(&tally);
    let (found, missing) = find(&db, &tally).await;
    println!("  writes found          {found:>8}");
    let mut problems = Vec::new();
    if tally.server_errors.load(Ordering::Relaxed) > 0 {
        problems.push("requests got a 5xx".to_string());
    }
    if !missing.is_empty() {
        problems.push(format!(
            "acknowledged writes missing: {:?}",
            &missing[..missing.len().min(10)]
        ));
    }
    if tally.unanswered.load(Ordering::Relaxed) > 0 {
        problems.push("requests went unanswered".to_string());
    }
    if tally.acknowledged() == 0 {
        problems.push("no write was acknowledged".to_string());
    }
    problems
}

/// Run two: the same load, SIGKILL halfway, a restart, then integrity and every write
/// acknowledged before the kill.
async fn crash(dir: &Path, seconds: u64) -> Vec<String> {
    let db = dir.join("crash.db");
    let (mut server, client, running) = begin(&db, "b").await;
    let tally = client.tally;
    tokio::time::sleep(Duration::from_secs(seconds / 2)).await;
    // Everything acknowledged up to here must survive; what is in flight may go either way.
    // The clients send nothing new, so "unanswered" counts the requests the kill cut off.
    client.stop.store(true, Ordering::Relaxed);
    server.child.kill().expect("SIGKILL the server");
    server.child.wait().expect("reap the server");
    running.await.unwrap();
    let errors_before_kill = tally.server_errors.load(Ordering::Relaxed);
    println!("crash run: SIGKILL after {} s of write load", seconds / 2);
    report(&tally);
    let restarted = Instant::now();
    let server = start(&db);
    let restart = restarted.elapsed();
    let health = http(&server.addr, "/health", None, None).await;
    stop(server);
    let check = integrity(&db).await;
    let (found, missing) = find(&db, &tally).await;
    println!("  restart to listening  {:>8.0?}", restart);
    println!("  integrity_check       {check:>8}");
    println!("  writes found          {found:>8}");
    let mut problems = Vec::new();
    if check != "ok" {
        problems.push(format!("integrity_check after the kill: {check}"));
    }
    if !missing.is_empty() {
        problems.push(format!(
            "writes acknowledged before the kill are missing: {:?}",
            &missing[..missing.len().min(10)]
        ));
    }
    if !health.is_some_and(|r| r.status == 200) {
        problems.push("the restarted server is not healthy".to_string());
    }
    if errors_before_kill > 0 {
        problems.push("requests got a 5xx before the kill".to_string());
    }
    if tally.acknowledged() == 0 {
        problems.push("no write was acknowledged before the kill".to_string());
    }
    problems
}

fn main() -> ExitCode {
    let seconds: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
        .max(4);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut problems = runtime.block_on(steady(dir.path(), seconds));
    problems.extend(runtime.block_on(crash(dir.path(), seconds)));
    if problems.is_empty() {
        println!("soak: passed");
        ExitCode::SUCCESS
    } else {
        for problem in &problems {
            println!("soak: FAILED: {problem}");
        }
        let kept: PathBuf = dir.keep();
        println!("soak: the databases are kept in {}", kept.display());
        ExitCode::FAILURE
    }
}
