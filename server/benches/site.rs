//! `make bench`: how big the first visit is, how fast the server renders on the large
//! generated database next to the most this machine can serve, how fast it starts, and how
//! much memory it takes under load. Prints one table (with the store query latencies that
//! criterion measured just before) and writes it to `target/bench/`, beside the previous
//! run's figures so two runs can be compared.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace root: benches run from the crate's folder.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

struct Server {
    child: Child,
    addr: String,
    started_in: Duration,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &Path) -> Server {
    let began = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("BUURTPLEIN_DB", db)
        .env("BUURTPLEIN_DEMO", "0")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_SITE_ROOT", root().join("target/site"))
        .env("LEPTOS_OUTPUT_NAME", "buurtplein")
        .env("LEPTOS_HASH_FILES", "true")
        .env("RUST_LOG", "warn,server=info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let stdout = child.stdout.take().expect("its output");
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .expect("a line");
        if let Some(rest) = line.split("listening on http://").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
        }
    };
    let started_in = began.elapsed();
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        addr,
        started_in,
    }
}

/// A GET over a fresh connection: status, headers (lower-case names) and the body as sent
/// (still compressed when it was), with chunked framing removed.
fn fetch(
    addr: &str,
    path: &str,
    encoding: Option<&str>,
) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    fetch_with(addr, path, &[], encoding)
}

/// `fetch` with extra request headers (`"Cookie: buurt=wijk-1"`).
fn fetch_with(
    addr: &str,
    path: &str,
    extra: &[String],
    encoding: Option<&str>,
) -> (u16, BTreeMap<String, String>, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    let accept = encoding
        .map(|e| format!("Accept-Encoding: {e}\r\n"))
        .unwrap_or_default();
    let extra: String = extra.iter().map(|h| format!("{h}\r\n")).collect();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{accept}{extra}Connection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .get("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    (status, headers, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..end])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// The files a browser fetches for `html` on a first visit: the style sheets, preloads and
/// scripts it links to, and, when the page has islands, the hashed JS and wasm the inline
/// loader imports (its file names are in the script, not links); without islands it
/// imports nothing.
fn assets(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let select = |css: &str| scraper::Selector::parse(css).expect("a selector");
    let mut found: Vec<String> = document
        .select(&select(
            "link[rel~=stylesheet][href], link[rel~=modulepreload][href], link[rel~=preload][href]",
        ))
        .filter_map(|link| link.value().attr("href"))
        .chain(
            document
                .select(&select("script[src]"))
                .filter_map(|script| script.value().attr("src")),
        )
        .filter(|path| path.starts_with('/'))
        .map(str::to_string)
        .collect();
    let has_islands = document.select(&select("leptos-island")).next().is_some();
    if has_islands {
        found.extend(wasm_and_loader());
    }
    found.sort();
    found.dedup();
    found
}

/// The built JS and wasm under `/pkg`, named from the `hash.txt` the release build writes
/// beside the binary, or found in `target/site/pkg` when the build is not hashed.
fn wasm_and_loader() -> Vec<String> {
    let hashes =
        std::fs::read_to_string(root().join("target/release/hash.txt")).unwrap_or_default();
    let hash = |kind: &str| {
        hashes
            .lines()
            .find_map(|line| line.strip_prefix(kind)?.strip_prefix(':'))
            .map(str::trim)
    };
    if let (Some(js), Some(wasm)) = (hash("js"), hash("wasm")) {
        return vec![
            format!("/pkg/buurtplein.{js}.js"),
            format!("/pkg/buurtplein.{wasm}.wasm"),
        ];
    }
    std::fs::read_dir(root().join("target/site/pkg"))
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".js") || name.ends_with(".wasm"))
        .map(|name| format!("/pkg/{name}"))
        .collect()
}

struct Load {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    rss_mb: f64,
}

fn millis(text: &str) -> f64 {
    let text = text.trim();
    let (number, factor) = if let Some(n) = text.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = text.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (text, 1.0)
    };
    number.parse::<f64>().unwrap_or(f64::NAN) * factor
}

/// Runs wrk against a URL, with extra request headers (`"Cookie: buurt=wijk-1"`), sampling
/// the server's resident memory meanwhile.
fn load(addr: &str, path: &str, extra: &[String], pid: Option<u32>, seconds: u32) -> Load {
    let mut args: Vec<String> = [
        "-t2",
        "-c16",
        &format!("-d{seconds}s"),
        // wrk leaves requests slower than its 2 s default out of the latencies; a slow
        // page must show as slow, not vanish.
        "--timeout",
        "60s",
        "--latency",
    ]
    .map(str::to_string)
    .to_vec();
    for header in extra {
        args.push("-H".into());
        args.push(header.clone());
    }
    args.push(format!("http://{addr}{path}"));
    let child = Command::new("wrk")
        .args(&args)
        .stdout(Stdio::piped())
        .spawn()
        .expect("wrk (make bench installs it)");
    let mut rss_kb = 0u64;
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(u64::from(seconds)) {
        if let Some(pid) = pid {
            if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
                if let Some(kb) = status
                    .lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<u64>().ok())
                {
                    rss_kb = rss_kb.max(kb);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let output = child.wait_with_output().expect("wrk finishes");
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |prefix: &str| {
        text.lines()
            .map(str::trim)
            .find(|l| l.starts_with(prefix))
            .and_then(|l| l.split_whitespace().nth(1))
            .unwrap_or("nan")
            .to_string()
    };
    let rps: f64 = field("Requests/sec:").parse().unwrap_or(f64::NAN);
    // With no request finished in the time, wrk's latencies are zeros, not figures.
    let finished = rps > 0.0;
    Load {
        rps,
        p50_ms: if finished {
            millis(&field("50%"))
        } else {
            f64::NAN
        },
        p99_ms: if finished {
            millis(&field("99%"))
        } else {
            f64::NAN
        },
        rss_mb: rss_kb as f64 / 1024.0,
    }
}

/// The most this machine serves: a bare HTTP server answering a fixed body of `size` bytes.
fn ceiling(size: usize) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    let body = "x".repeat(size);
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async move {
            listener.set_nonblocking(true).expect("nonblocking");
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let app = axum::Router::new().fallback(move || {
                let body = body.clone();
                async move { ([("content-type", "text/html; charset=utf-8")], body) }
            });
            axum::serve(listener, app).await.expect("serve");
        });
    });
    addr
}

/// A figure for the table: "-" when there is none, more decimals when it is small.
fn figure(value: f64) -> String {
    if !value.is_finite() {
        "-".into()
    } else if value != 0.0 && value.abs() < 1.0 {
        format!("{value:.3}")
    } else {
        format!("{value:.1}")
    }
}

/// Criterion's median estimate for a benchmark, in milliseconds.
fn criterion_median(name: &str) -> Option<f64> {
    let path = root().join(format!("target/criterion/store/{name}/new/estimates.json"));
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"]
        .as_f64()
        .map(|ns| ns / 1_000_000.0)
}

/// What the load section needs that the generated database does not have on its own.
struct Prepared {
    /// A discussion thread with at least `LONG_THREAD_POSTS` visible posts.
    long_thread: i64,
    long_thread_posts: i64,
    /// The resident signed up for 50 weekly series, and a live session of theirs.
    resident_name: String,
    session_cookie: String,
    /// A session of a moderator, who may see every place's insights.
    moderator_cookie: String,
}

/// The twelve generated weeks of visits (`app/src/demo/generate.rs`), as the insights
/// pages ask for them.
const INSIGHTS_PERIOD: &str = "weken=12&tot=2026-11-18";

/// How many visible posts the long thread has.
const LONG_THREAD_POSTS: i64 = 500;

/// Before the server starts: makes one discussion thread 500 posts long, signs the first
/// resident up for 50 weekly series (as the store bench does) and opens a session for them.
/// Later runs find the posts and signups there and add nothing; each run opens a new session.
fn prepare(db_path: &Path) -> Prepared {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let db = app::store::Db::open(db_path)
            .await
            .expect("the bench database opens");
        let (long_thread, long_thread_posts) = long_thread(&db).await;
        let resident = resident_of_fifty_series(&db).await;
        let now = jiff::Timestamp::now().as_second();
        // The demo's articles, with their covers and reactions, once.
        app::demo::seed_articles::seed_articles(&db, now)
            .await
            .expect("the articles");
        // The real login path: a random token, only its hash stored, 30 days valid.
        let token = app::store::accounts::start_session(&db, resident, None, now)
            .await
            .expect("a session");
        let moderator: i64 = sqlx::query_scalar(
            "UPDATE users SET is_moderator = 1 WHERE id = (SELECT min(id) + 1 FROM users)
             RETURNING id",
        )
        .fetch_one(&db.write)
        .await
        .expect("a moderator");
        let moderator_token = app::store::accounts::start_session(&db, moderator, None, now)
            .await
            .expect("a moderator's session");
        let resident_name: String =
            sqlx::query_scalar("SELECT display_name FROM users WHERE id = ?")
                .bind(resident)
                .fetch_one(&db.read)
                .await
                .expect("the resident's name");
        db.close().await;
        Prepared {
            long_thread,
            long_thread_posts,
            resident_name,
            session_cookie: format!("{}={token}", app::auth::session::cookie_name(false)),
            moderator_cookie: format!(
                "{}={moderator_token}",
                app::auth::session::cookie_name(false)
            ),
        }
    })
}

/// The discussion thread with the lowest id whose opening post is visible, filled up to
/// `LONG_THREAD_POSTS` visible posts in one transaction; its id and visible post count.
/// Thread 1 stays as generated: the first-visit rows measure `/gesprekken/1`.
async fn long_thread(db: &app::store::Db) -> (i64, i64) {
    let thread: i64 = sqlx::query_scalar(
        "SELECT t.id FROM threads t
         WHERE t.id > 1 AND t.kind = 'discussion' AND EXISTS (SELECT 1 FROM posts p
             WHERE p.thread_id = t.id AND p.is_opening = 1 AND p.status = 'visible')
         ORDER BY t.id LIMIT 1",
    )
    .fetch_one(&db.read)
    .await
    .expect("a discussion thread");
    let mut tx = db.begin_write().await.expect("a write transaction");
    let (visible, last): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status = 'visible'), coalesce(max(created_at), 0)
         FROM posts WHERE thread_id = ?",
    )
    .bind(thread)
    .fetch_one(&mut *tx)
    .await
    .expect("the thread's posts");
    let missing = LONG_THREAD_POSTS - visible;
    if missing > 0 {
        let authors: Vec<i64> = sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 50")
            .fetch_all(&mut *tx)
            .await
            .expect("residents");
        for n in 0..missing {
            let text = format!("Bericht {} in een lang gesprek.", visible + n + 1);
            sqlx::query(
                "INSERT INTO posts (thread_id, author_id, body_source, body_html, status, created_at)
                 VALUES (?, ?, ?, ?, 'visible', ?)",
            )
            .bind(thread)
            .bind(authors[n as usize % authors.len()])
            .bind(&text)
            .bind(format!("<p>{text}</p>"))
            .bind(last + n + 1)
            .execute(&mut *tx)
            .await
            .expect("a post");
        }
        sqlx::query("UPDATE threads SET last_post_at = max(last_post_at, ?) WHERE id = ?")
            .bind(last + missing)
            .bind(thread)
            .execute(&mut *tx)
            .await
            .expect("the thread's last post");
    }
    tx.commit().await.expect("commit");
    (thread, visible.max(LONG_THREAD_POSTS))
}

/// A generated resident (the first) signed up for every occurrence of 50 weekly series in
/// the window the account page shows, as in the store bench (`app/benches/store.rs`).
async fn resident_of_fifty_series(db: &app::store::Db) -> i64 {
    let today = jiff::Zoned::now()
        .with_time_zone(app::model::hours::amsterdam())
        .date();
    let resident: i64 = sqlx::query_scalar("SELECT min(id) FROM users")
        .fetch_one(&db.read)
        .await
        .expect("a resident");
    app::demo::generate::join_weekly_series(db, resident, 50, today)
        .await
        .expect("the signups");
    resident
}

/// A page the load section measures: a stable name for the figures, what wrk asks for, and
/// the headers it sends.
struct Page {
    name: String,
    path: String,
    headers: Vec<String>,
}

impl Page {
    fn new(name: &str, path: &str, headers: &[&str]) -> Page {
        Page {
            name: name.to_string(),
            path: path.to_string(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
        }
    }
}

fn main() {
    // `cargo bench` passes --bench; nothing else is expected.
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).expect("target/bench");
    let db = std::env::var("BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| out.join("large.db"));
    assert!(
        db.exists(),
        "{} is missing: make bench generates it first",
        db.display()
    );
    let seconds: u32 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let mut rows: Vec<(String, f64, &str)> = Vec::new();

    // Cold start, with migrations on the existing database: the median of five.
    let mut starts: Vec<f64> = (0..5)
        .map(|_| start(&db).started_in.as_secs_f64() * 1000.0)
        .collect();
    starts.sort_by(f64::total_cmp);
    rows.push(("cold start (median of 5)".into(), starts[2], "ms"));

    let prepared = prepare(&db);
    let server = start(&db);
    let addr = server.addr.clone();
    let pid = server.child.id();

    // The first visit: each page with every file it makes the browser fetch, as served to a
    // browser that accepts brotli; then each of those files on its own, raw and as served.
    let mut files: Vec<String> = Vec::new();
    for page in [
        "/",
        "/plekken",
        "/plekken/plek-1",
        "/gesprekken/1",
        "/activiteiten",
        "/kaart",
    ] {
        let (status, _, html) = fetch(&addr, page, None);
        assert_eq!(status, 200, "{page}");
        let (_, headers, served) = fetch(&addr, page, Some("br"));
        let encoding = headers.get("content-encoding").cloned().unwrap_or_default();
        rows.push((format!("{page} HTML raw"), html.len() as f64, "bytes"));
        rows.push((
            format!("{page} HTML served ({encoding})"),
            served.len() as f64,
            "bytes",
        ));
        let linked = assets(&String::from_utf8_lossy(&html));
        let linked_bytes: usize = linked
            .iter()
            .map(|asset| fetch(&addr, asset, Some("br")).2.len())
            .sum();
        rows.push((
            format!("{page} first visit, HTML+CSS+JS+wasm (br)"),
            (served.len() + linked_bytes) as f64,
            "bytes",
        ));
        println!("first visit {page}: the HTML and {}", linked.join(", "));
        files.extend(linked);
    }
    // The wasm gets its rows even when no page loads it.
    files.extend(wasm_and_loader());
    files.sort();
    files.dedup();
    for asset in &files {
        let kind = asset.rsplit('.').next().unwrap_or("").to_uppercase();
        let (status, _, raw) = fetch(&addr, asset, None);
        assert_eq!(status, 200, "{asset}");
        let (_, headers, served) = fetch(&addr, asset, Some("br"));
        let encoding = headers.get("content-encoding").cloned().unwrap_or_default();
        rows.push((format!("{kind} raw"), raw.len() as f64, "bytes"));
        rows.push((
            format!("{kind} served ({encoding})"),
            served.len() as f64,
            "bytes",
        ));
    }

    // Rendering under load next to the ceiling for a body of the same size: every main
    // page, the three measured before under their old names.
    let cookie = format!("Cookie: {}", prepared.session_cookie);
    let moderator = format!("Cookie: {}", prepared.moderator_cookie);
    let pages = [
        Page::new("/", "/", &[]),
        Page::new("/ (cookie buurt=wijk-1)", "/", &["Cookie: buurt=wijk-1"]),
        Page::new("/plekken", "/plekken", &[]),
        Page::new("/plekken?q=koffie", "/plekken?q=koffie", &[]),
        Page::new("/plekken/plek-123", "/plekken/plek-123", &[]),
        Page::new("/activiteiten", "/activiteiten", &[]),
        Page::new(
            "/kaart (cookie buurt=wijk-1)",
            "/kaart",
            &["Cookie: buurt=wijk-1"],
        ),
        Page::new(
            "/plekken.json?buurt=wijk-1",
            "/plekken.json?buurt=wijk-1",
            &[],
        ),
        Page::new(
            "/plekken.geojson?soort=buurthuis",
            "/plekken.geojson?soort=buurthuis",
            &[],
        ),
        Page::new("/plekken.json (all, 1,000 a page)", "/plekken.json", &[]),
        Page::new("/buurten/wijk-7/week", "/buurten/wijk-7/week", &[]),
        Page::new("/gesprekken", "/gesprekken", &[]),
        Page::new(
            &format!("thread of {LONG_THREAD_POSTS} posts"),
            &format!("/gesprekken/{}", prepared.long_thread),
            &[],
        ),
        Page::new("/account (50 joined series)", "/account", &[&cookie]),
        Page::new(
            "/inzichten/plekken/plek-124 (12 weeks)",
            &format!("/inzichten/plekken/plek-124?{INSIGHTS_PERIOD}"),
            &[&moderator],
        ),
        Page::new(
            "/inzichten/buurten/wijk-7 (12 weeks)",
            &format!("/inzichten/buurten/wijk-7?{INSIGHTS_PERIOD}"),
            &[&moderator],
        ),
        Page::new(
            "/inzichten/plekken/plek-124/weken.csv",
            &format!("/inzichten/plekken/plek-124/weken.csv?{INSIGHTS_PERIOD}"),
            &[&moderator],
        ),
        Page::new("/artikelen", "/artikelen", &[]),
        Page::new(
            "/artikelen/8-lessen-uit-wij-in-de-wijk",
            "/artikelen/8-lessen-uit-wij-in-de-wijk",
            &[],
        ),
    ];
    println!(
        "\nthe long thread is /gesprekken/{} with {} visible posts",
        prepared.long_thread, prepared.long_thread_posts
    );
    let mut peak_rss: f64 = 0.0;
    let mut table: Vec<(String, Load, f64, usize)> = Vec::new();
    for page in &pages {
        let (status, headers, body) = fetch_with(&addr, &page.path, &page.headers, None);
        assert_eq!(
            status,
            200,
            "{} ({:?}): {:?}",
            page.name,
            headers.get("location"),
            String::from_utf8_lossy(&body[..body.len().min(500)])
        );
        if page.path == "/account" {
            let greeting = format!("Hallo {}", prepared.resident_name);
            assert!(
                String::from_utf8_lossy(&body).contains(&greeting),
                "/account with the session cookie is the resident's page ({greeting})"
            );
        }
        let size = body.len();
        let site = load(&addr, &page.path, &page.headers, Some(pid), seconds);
        let bare = load(&ceiling(size).to_string(), "/", &[], None, seconds);
        peak_rss = peak_rss.max(site.rss_mb);
        let name = &page.name;
        let share = 100.0 * site.rps / bare.rps;
        rows.push((format!("{name} requests/s"), site.rps, "req/s"));
        rows.push((format!("{name} latency p50"), site.p50_ms, "ms"));
        rows.push((format!("{name} latency p99"), site.p99_ms, "ms"));
        rows.push((
            format!("{name} ceiling requests/s ({size} bytes)"),
            bare.rps,
            "req/s",
        ));
        rows.push((format!("{name} share of ceiling"), share, "%"));
        if !rows
            .iter()
            .any(|(row, _, _)| *row == format!("{name} HTML raw"))
        {
            rows.push((format!("{name} HTML raw"), size as f64, "bytes"));
        }
        table.push((name.clone(), site, share, size));
    }
    println!(
        "\n{:<36} {:>9} {:>9} {:>9} {:>10} {:>9}",
        "page", "req/s", "p50 ms", "p99 ms", "ceiling %", "HTML KB"
    );
    for (name, site, share, size) in &table {
        println!(
            "{name:<36} {:>9} {:>9} {:>9} {:>10} {:>9}",
            figure(site.rps),
            figure(site.p50_ms),
            figure(site.p99_ms),
            figure(*share),
            figure(*size as f64 / 1024.0)
        );
    }
    println!(
        "(the query plans of these pages are checked by `cargo test -p server --test query_plans`)"
    );
    rows.push(("resident memory under load (peak)".into(), peak_rss, "MB"));
    drop(server);

    for (name, label) in [
        ("directory_filter", "store: directory filter (median)"),
        ("text_search", "store: text search (median)"),
        ("thread_page", "store: thread page (median)"),
        (
            "account_agenda",
            "store: account agenda, 50 joined series (median)",
        ),
        (
            "insights_place",
            "store: a place's insights, 12 weeks (median)",
        ),
        (
            "insights_neighbourhood",
            "store: a neighbourhood's insights, 12 weeks (median)",
        ),
    ] {
        if let Some(ms) = criterion_median(name) {
            rows.push((label.into(), ms, "ms"));
        }
    }

    // Compare with the previous run, then keep this one.
    let latest = out.join("latest.tsv");
    let previous: BTreeMap<String, f64> = std::fs::read_to_string(&latest)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((parts.next()?.to_string(), parts.next()?.parse().ok()?))
        })
        .collect();
    let mut file = String::new();
    println!(
        "\n{:<52} {:>14} {:<6} {:>10}",
        "measure", "value", "unit", "previous"
    );
    for (name, value, unit) in &rows {
        let before = previous
            .get(name)
            .map(|v| figure(*v))
            .unwrap_or_else(|| "-".into());
        println!("{name:<52} {:>14} {unit:<6} {before:>10}", figure(*value));
        file.push_str(&format!("{name}\t{value:.3}\t{unit}\n"));
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    std::fs::write(out.join(format!("figures-{stamp}.tsv")), &file).expect("write figures");
    std::fs::write(&latest, &file).expect("write latest");
    println!(
        "\nwritten to {} (and figures-{stamp}.tsv beside it)",
        latest.display()
    );
}
