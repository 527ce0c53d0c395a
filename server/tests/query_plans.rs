//! Every list a page shows is filtered, ordered and paged in SQL by an index: the main pages
//! are fetched on the small generated set, every SELECT they ran (as sqlx logs it) is
//! planned with EXPLAIN QUERY PLAN, and a full scan of a large table fails the test.
//!
//! A `SCAN x USING [COVERING] INDEX …` of a large table passes only in a statement with a
//! LIMIT (walking an index in order and stopping after a page); a bare `SCAN x`, and an
//! automatic index (which SQLite builds by reading the whole table), always fail.
//!
//! `QUERY_PLANS_VERBOSE=1 cargo test -p server --test query_plans -- --nocapture` prints
//! every statement with its pages and plan.

mod common;

use axum::http::StatusCode;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

/// Tables that grow with the city: none of them may be read whole for a page.
const LARGE_TABLES: &[&str] = &[
    "places",
    "activities",
    "posts",
    "threads",
    "signups",
    "opening_hours",
    "place_features",
    "place_hosts",
    "occurrence_changes",
    "users",
    "sessions",
    "walk_ins",
    "reports",
    "buddy_requests",
    "buddy_offers",
    "cancellation_notices",
];

// ---------------------------------------------------------------------------------------
// Capturing the statements sqlx runs

/// The statements sqlx logged since the last `take_statements`, in order.
static CAPTURED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Reads the SQL out of sqlx's `sqlx::query` event: `db.statement` holds the whole text
/// (after two newlines), except when the statement is so short that `summary` (its first
/// four words) is the whole text; then `db.statement` is empty.
#[derive(Default)]
struct QueryFields {
    statement: String,
    summary: String,
}

impl tracing::field::Visit for QueryFields {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        match field.name() {
            "db.statement" => self.statement = value.to_string(),
            "summary" => self.summary = value.to_string(),
            _ => {}
        }
    }

    fn record_debug(&mut self, _: &tracing::field::Field, _: &dyn std::fmt::Debug) {}
}

struct Capture;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut fields = QueryFields::default();
        event.record(&mut fields);
        let sql = if fields.statement.trim().is_empty() {
            fields.summary.trim_end_matches('…').trim().to_string()
        } else {
            fields.statement.trim().to_string()
        };
        if !sql.is_empty() {
            CAPTURED.lock().unwrap().push(sql);
        }
    }
}

/// Installs the capture for the whole test binary. sqlx runs SQLite statements (and logs
/// them) on a worker thread per connection, so a thread-local subscriber would miss them; a
/// global one sees every thread, and this binary is a process of its own.
fn capture_queries() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        use tracing_subscriber::layer::SubscriberExt;
        use tracing_subscriber::Layer;
        // By target only: sqlx first asks `enabled!` (a hint, not an event) at that target.
        let only_queries =
            tracing_subscriber::filter::filter_fn(|meta| meta.target() == "sqlx::query");
        let subscriber = tracing_subscriber::registry().with(Capture.with_filter(only_queries));
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other subscriber in this test binary");
    });
}

fn take_statements() -> Vec<String> {
    std::mem::take(&mut *CAPTURED.lock().unwrap())
}

// ---------------------------------------------------------------------------------------
// Reading SQL and plans

/// The statement on one line.
fn collapse(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words and punctuation of a statement, without comments; a string literal becomes
/// `'` and a quoted identifier its bare name.
fn tokens(sql: &str) -> Vec<String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
            out.push("'".to_string());
        } else if c == '"' || c == '`' || c == '[' {
            let close = if c == '[' { ']' } else { c };
            let start = i + 1;
            i = start;
            while i < chars.len() && chars[i] != close {
                i += 1;
            }
            out.push(chars[start..i.min(chars.len())].iter().collect());
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

fn is_identifier(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Words that can follow a table in FROM or JOIN and are not its alias.
const NOT_ALIASES: &[&str] = &[
    "WHERE",
    "JOIN",
    "ON",
    "LEFT",
    "RIGHT",
    "FULL",
    "INNER",
    "OUTER",
    "CROSS",
    "NATURAL",
    "USING",
    "GROUP",
    "ORDER",
    "LIMIT",
    "UNION",
    "EXCEPT",
    "INTERSECT",
    "WINDOW",
    "HAVING",
    "INDEXED",
    "NOT",
    "AS",
    "SET",
    "VALUES",
    "RETURNING",
];

/// Skips a balanced parenthesis starting at `i` (which holds `(`); returns the index after
/// its `)`.
fn skip_parens(tokens: &[String], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "(" => depth += 1,
            ")" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// Words that end a FROM clause.
const FROM_ENDS: &[&str] = &[
    "WHERE",
    "GROUP",
    "ORDER",
    "LIMIT",
    "HAVING",
    "WINDOW",
    "UNION",
    "EXCEPT",
    "INTERSECT",
    "RETURNING",
];

/// Reads one table reference at `j` (`places p`, `places AS p`, `(SELECT …) s`,
/// `json_each(?) j`) into `map`; returns the index after it.
fn table_ref(tokens: &[String], j: usize, map: &mut BTreeMap<String, BTreeSet<String>>) -> usize {
    let (table, mut k) = match tokens.get(j).map(String::as_str) {
        Some("(") => ("(subquery)".to_string(), skip_parens(tokens, j)),
        Some(name) if is_identifier(name) => {
            let mut k = j + 1;
            // schema.table
            if tokens.get(k).map(String::as_str) == Some(".") {
                k += 2;
            }
            let name = tokens[(k - 1).min(tokens.len() - 1)].to_lowercase();
            if tokens.get(k).map(String::as_str) == Some("(") {
                k = skip_parens(tokens, k);
            }
            (name, k)
        }
        _ => return j,
    };
    map.entry(table.clone()).or_default().insert(table.clone());
    if tokens.get(k).is_some_and(|t| t.eq_ignore_ascii_case("AS")) {
        k += 1;
    }
    if let Some(alias) = tokens.get(k) {
        if is_identifier(alias) && !NOT_ALIASES.contains(&alias.to_uppercase().as_str()) {
            map.entry(alias.to_lowercase()).or_default().insert(table);
            k += 1;
        }
    }
    k
}

/// What each name a plan can print stands for: `FROM places p` and `JOIN places AS p` map
/// `p` (and `places`) to `places`. A subquery's alias maps to `(subquery)` and a
/// table-valued function's to its function. Lower case; one name can stand for several
/// tables in different parts of a statement.
fn aliases(sql: &str) -> BTreeMap<String, BTreeSet<String>> {
    let tokens = tokens(sql);
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (i, token) in tokens.iter().enumerate() {
        let word = token.to_uppercase();
        if word == "JOIN" {
            table_ref(&tokens, i + 1, &mut map);
        } else if word == "FROM" && !(i > 0 && tokens[i - 1].eq_ignore_ascii_case("DISTINCT")) {
            // The first reference, then one after each comma of this FROM clause (JOINs
            // are read on their own).
            let mut k = table_ref(&tokens, i + 1, &mut map);
            let mut depth = 0usize;
            while let Some(t) = tokens.get(k) {
                match t.as_str() {
                    "(" => depth += 1,
                    ")" if depth == 0 => break,
                    ")" => depth -= 1,
                    "," if depth == 0 => {
                        k = table_ref(&tokens, k + 1, &mut map);
                        continue;
                    }
                    _ if depth == 0 && FROM_ENDS.contains(&t.to_uppercase().as_str()) => break,
                    _ => {}
                }
                k += 1;
            }
        }
    }
    map
}

/// Whether the statement stops after a number of rows.
fn has_limit(sql: &str) -> bool {
    tokens(sql).iter().any(|t| t.eq_ignore_ascii_case("LIMIT"))
}

/// Why a plan row reads a large table whole, if it does.
fn scan_problem(
    detail: &str,
    aliases: &BTreeMap<String, BTreeSet<String>>,
    limited: bool,
) -> Option<String> {
    let detail = detail.trim();
    let large = |name: &str| -> Option<String> {
        let name = name.to_lowercase();
        let tables = aliases
            .get(&name)
            .cloned()
            .unwrap_or_else(|| BTreeSet::from([name.clone()]));
        tables
            .into_iter()
            .find(|table| LARGE_TABLES.contains(&table.as_str()))
    };
    if let Some(rest) = detail.strip_prefix("SCAN ") {
        let mut words = rest.split_whitespace();
        let mut name = words.next().unwrap_or_default();
        // Before SQLite 3.36: `SCAN TABLE places AS p …`.
        if name == "TABLE" {
            name = words.next().unwrap_or_default();
            if rest.split_whitespace().nth(2) == Some("AS") {
                words.next();
                words.next();
            }
        }
        let remainder: Vec<&str> = words.collect();
        let remainder = remainder.join(" ");
        if remainder.contains("VIRTUAL TABLE") {
            return None;
        }
        let table = large(name)?;
        let walks_index =
            remainder.starts_with("USING INDEX") || remainder.starts_with("USING COVERING INDEX");
        return if walks_index && limited {
            None
        } else if walks_index {
            Some(format!(
                "walks all of {table} along an index, with no LIMIT to stop it"
            ))
        } else {
            Some(format!("reads every row of {table}"))
        };
    }
    if let Some(rest) = detail.strip_prefix("SEARCH ") {
        if rest.contains("USING AUTOMATIC") {
            let name = rest.split_whitespace().next().unwrap_or_default();
            let table = large(name)?;
            return Some(format!(
                "builds an automatic index on {table}, which reads every row of it"
            ));
        }
    }
    None
}

/// EXPLAIN QUERY PLAN's rows as an indented tree.
fn render_plan(rows: &[(i64, i64, String)]) -> String {
    let mut depth: BTreeMap<i64, usize> = BTreeMap::new();
    let mut out = String::new();
    for (id, parent, detail) in rows {
        let d = if *parent == 0 {
            0
        } else {
            depth.get(parent).map_or(0, |d| d + 1)
        };
        depth.insert(*id, d);
        out.push_str(&format!("      {}{detail}\n", "  ".repeat(d)));
    }
    out
}

/// Whether a captured statement is a read a page makes (not a write, a transaction, a
/// pragma or sqlx's own migration bookkeeping).
fn is_page_read(sql: &str) -> bool {
    let first = sql
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase();
    let lower = sql.to_lowercase();
    (first == "SELECT" || first == "WITH")
        && !lower.contains("_sqlx_migrations")
        && !lower.contains("sqlite_master")
        && !lower.contains("sqlite_schema")
}

// ---------------------------------------------------------------------------------------
// The check

/// Today in Amsterdam, by the app's clock.
fn today(app: &TestApp) -> jiff::civil::Date {
    app.state
        .clock
        .now()
        .to_zoned(app::model::hours::amsterdam())
        .date()
}

/// Signs the generated resident (the first account) up for every occurrence of five weekly
/// series, so the account page has its agenda to read; returns the id.
async fn resident_with_agenda(app: &TestApp) -> i64 {
    let resident: i64 = sqlx::query_scalar("SELECT min(id) FROM users")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    app::demo::generate::join_weekly_series(&app.db, resident, 5, today(app))
        .await
        .unwrap();
    resident
}

#[tokio::test]
async fn page_queries_use_indexes_not_full_scans() {
    capture_queries();
    let app = generated_app().await;
    // Every visit must reach the database: the read cache would answer repeats itself.
    app.state.cache.set_enabled(false);

    let resident = resident_with_agenda(&app).await;
    let token = app::store::accounts::start_session(&app.db, resident, None, app.state.now())
        .await
        .unwrap();
    let signed_in = format!("sessie={token}");
    let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = ?")
        .bind(resident)
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let greeting = format!("Hallo {name}");
    let thread: i64 = sqlx::query_scalar(
        "SELECT t.id FROM threads t JOIN posts p ON p.thread_id = t.id
         WHERE t.kind = 'discussion' AND p.is_opening = 1 AND p.status = 'visible'
         ORDER BY t.id LIMIT 1",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    let thread_page = format!("/gesprekken/{thread}");
    let thread_page_two = format!("/gesprekken/{thread}?pagina=2");
    // A neighbourhood and a place as residents type them: part of a name.
    let neighbourhood: String = sqlx::query_scalar("SELECT name FROM neighbourhoods WHERE id = 3")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let typed = neighbourhood.replace(' ', "%20");
    let choose = format!("/buurt?q={typed}");
    let directory_by_name = format!("/plekken?buurt={typed}");
    let suggest_neighbourhoods = format!("/api/suggest?soort=buurten&q={typed}");
    let suggest_places = "/api/suggest?soort=plekken&q=koffie".to_string();

    let pages: Vec<&str> = vec![
        "/",
        "/plekken",
        "/plekken?q=koffie",
        "/plekken?soort=cafe&kenmerk=drempelvrij",
        "/plekken?open=1",
        "/plekken?buurt=wijk-2",
        "/plekken?pagina=3",
        "/plekken/plek-5",
        "/plekken/plek-5/week",
        "/activiteiten",
        "/activiteiten?buurt=wijk-1",
        "/activiteiten?plek=plek-5",
        "/buurten/wijk-1/week",
        "/gesprekken",
        "/kaart",
        "/kaart?buurt=wijk-3&open=1",
        "/plekken.json",
        "/plekken.csv?soort=cafe&pagina=2&aantal=5",
        "/plekken.geojson?buurt=wijk-2",
        "/activiteiten.json?buurt=wijk-1",
        &thread_page,
        &thread_page_two,
        &choose,
        &directory_by_name,
        &suggest_neighbourhoods,
        &suggest_places,
    ];
    // (label, path, cookie): every page as a visitor and as the signed-in resident, the
    // home page with a chosen neighbourhood, and the account page.
    let mut visits: Vec<(String, String, Option<String>)> = Vec::new();
    for page in &pages {
        visits.push((page.to_string(), page.to_string(), None));
    }
    visits.push((
        "/ (cookie buurt=wijk-1)".into(),
        "/".into(),
        Some("buurt=wijk-1".into()),
    ));
    visits.push((
        "/kaart (cookie buurt=wijk-1)".into(),
        "/kaart".into(),
        Some("buurt=wijk-1".into()),
    ));
    for page in &pages {
        visits.push((
            format!("{page} (signed in)"),
            page.to_string(),
            Some(signed_in.clone()),
        ));
    }
    visits.push((
        "/account (signed in)".into(),
        "/account".into(),
        Some(signed_in.clone()),
    ));
    // The insights pages and a file, as a moderator (who may see every place), over the
    // generated weeks of visits.
    let moderator: i64 = sqlx::query_scalar(
        "UPDATE users SET is_moderator = 1 WHERE id = (SELECT max(id) FROM users) RETURNING id",
    )
    .fetch_one(&app.db.write)
    .await
    .unwrap();
    let token = app::store::accounts::start_session(&app.db, moderator, None, app.state.now())
        .await
        .unwrap();
    for page in [
        "/inzichten?q=koffie",
        "/inzichten/plekken/plek-4?weken=12&tot=2026-11-18",
        "/inzichten/plekken/plek-4/activiteiten.csv?weken=12&tot=2026-11-18",
        "/inzichten/buurten/wijk-1?weken=12&tot=2026-11-18",
    ] {
        visits.push((
            format!("{page} (moderator)"),
            page.to_string(),
            Some(format!("sessie={token}")),
        ));
    }

    // Statement (as run) -> the pages that ran it.
    let mut statements: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    take_statements();
    for (label, path, cookie) in &visits {
        let reply = match cookie {
            Some(cookie) => get_as(&app, path, cookie).await,
            None => get(&app, path).await,
        };
        let start: String = reply.body.chars().take(2000).collect();
        assert_eq!(reply.status, StatusCode::OK, "{label}: {start}");
        if label.starts_with("/account") {
            assert!(
                reply.body.contains(&greeting),
                "the account page greets the signed-in resident ({greeting}): {start}"
            );
        }
        let reads: Vec<String> = take_statements()
            .into_iter()
            .filter(|sql| is_page_read(sql))
            .collect();
        assert!(
            !reads.is_empty(),
            "{label}: no query was captured; is sqlx's query log still at target sqlx::query?"
        );
        for sql in reads {
            statements.entry(sql).or_default().insert(label.clone());
        }
    }

    // Planned on a connection opened now, after the generator's ANALYZE, with the
    // statistics a server started on this database plans with (the pools were opened
    // before the data was made).
    let (_, _, file): (i64, String, String) = sqlx::query_as("PRAGMA database_list")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let mut planner = {
        use sqlx::ConnectOptions;
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&file)
            .read_only(true)
            .connect()
            .await
            .unwrap()
    };
    let mut failures = Vec::new();
    for (sql, from) in &statements {
        let plan: Result<Vec<(i64, i64, i64, String)>, _> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {sql}"))
                .fetch_all(&mut planner)
                .await;
        let from = from.iter().cloned().collect::<Vec<_>>().join(", ");
        let plan = match plan {
            Ok(rows) => rows
                .into_iter()
                .map(|(id, parent, _, detail)| (id, parent, detail))
                .collect::<Vec<_>>(),
            Err(error) => {
                failures.push(format!(
                    "  pages: {from}\n  sql:   {}\n  EXPLAIN QUERY PLAN failed: {error}\n",
                    collapse(sql)
                ));
                continue;
            }
        };
        if std::env::var_os("QUERY_PLANS_VERBOSE").is_some() {
            eprintln!(
                "pages: {from}\nsql:   {}\nplan:\n{}",
                collapse(sql),
                render_plan(&plan)
            );
        }
        let names = aliases(sql);
        let limited = has_limit(sql);
        let problems: Vec<String> = plan
            .iter()
            .filter_map(|(_, _, detail)| {
                scan_problem(detail, &names, limited).map(|why| format!("{detail}: {why}"))
            })
            .collect();
        if !problems.is_empty() {
            failures.push(format!(
                "  pages: {from}\n  sql:   {}\n  problem: {}\n  plan:\n{}",
                collapse(sql),
                problems.join("; "),
                render_plan(&plan)
            ));
        }
    }
    // The capture is itself checked: the pages read places, activities and threads.
    for table in ["places", "activities", "threads", "posts"] {
        assert!(
            statements
                .keys()
                .any(|sql| aliases(sql).contains_key(table)),
            "no captured statement reads {table}: {:#?}",
            statements.keys().collect::<Vec<_>>()
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} statements the main pages run read a large table whole:\n\n{}",
        failures.len(),
        statements.len(),
        failures.join("\n")
    );

    // The account page reads its agenda in a fixed number of statements, however many
    // series the resident joined: never one query per series.
    let account_reads = || async {
        take_statements();
        let reply = get_as(&app, "/account", &signed_in).await;
        assert_eq!(reply.status, StatusCode::OK);
        take_statements()
            .into_iter()
            .filter(|sql| is_page_read(sql))
            .count()
    };
    let with_five = account_reads().await;
    app::demo::generate::join_weekly_series(&app.db, resident, 40, today(&app))
        .await
        .unwrap();
    let with_forty = account_reads().await;
    assert_eq!(
        with_five, with_forty,
        "the account page ran {with_five} reads with 5 joined series, {with_forty} with 40"
    );
}

// ---------------------------------------------------------------------------------------
// The checker itself

fn problems_of(sql: &str, plan: &[&str]) -> Vec<String> {
    let names = aliases(sql);
    let limited = has_limit(sql);
    plan.iter()
        .filter_map(|detail| scan_problem(detail, &names, limited))
        .collect()
}

#[test]
fn aliases_resolve_to_tables() {
    let names = aliases(
        "SELECT p.id, n.name FROM places p JOIN neighbourhoods AS n ON n.id = p.neighbourhood_id
         LEFT JOIN (SELECT place_id FROM place_features WHERE feature = ?) f ON f.place_id = p.id,
         json_each(?) j, users
         WHERE p.kind = 'cafe' ORDER BY p.name LIMIT 30",
    );
    assert_eq!(names["p"], BTreeSet::from(["places".to_string()]));
    assert_eq!(names["n"], BTreeSet::from(["neighbourhoods".to_string()]));
    assert_eq!(names["f"], BTreeSet::from(["(subquery)".to_string()]));
    assert_eq!(names["j"], BTreeSet::from(["json_each".to_string()]));
    assert!(names.contains_key("place_features") && names.contains_key("users"));
    assert!(!names.contains_key("where") && !names.contains_key("left"));
}

#[test]
fn the_checker_flags_full_scans_of_large_tables() {
    let sql = "SELECT p.id FROM posts p JOIN neighbourhoods n ON n.id = 1 WHERE p.status = ?";
    // A bare scan of a large table, by alias or by name.
    assert_eq!(problems_of(sql, &["SCAN p"]).len(), 1);
    assert_eq!(
        problems_of("SELECT * FROM places", &["SCAN places"]).len(),
        1
    );
    // Old-style plan text.
    assert_eq!(
        problems_of(sql, &["SCAN TABLE posts AS p"]).len(),
        1,
        "SQLite before 3.36"
    );
    // An index walk without a LIMIT reads the whole table too.
    assert_eq!(
        problems_of(sql, &["SCAN p USING INDEX posts_by_thread"]).len(),
        1
    );
    // An automatic index is built from every row.
    assert_eq!(
        problems_of(sql, &["SEARCH p USING AUTOMATIC COVERING INDEX (status=?)"]).len(),
        1
    );

    // A search by index, small tables, virtual tables, subqueries and constant rows pass.
    assert!(problems_of(
        sql,
        &[
            "SEARCH p USING INDEX posts_by_thread (thread_id=?)",
            "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)",
            "SCAN n",
            "SCAN CONSTANT ROW",
            "SCAN json_each VIRTUAL TABLE INDEX 1:",
            "SCAN places_search VIRTUAL TABLE INDEX 0:M2",
            "SCAN (subquery-1)",
            "USE TEMP B-TREE FOR ORDER BY",
        ],
    )
    .is_empty());
    // Walking an index to a LIMIT passes.
    let paged = "SELECT p.id FROM places p ORDER BY p.name COLLATE NOCASE, p.id LIMIT ? OFFSET ?";
    assert!(problems_of(paged, &["SCAN p USING INDEX places_by_name"]).is_empty());
    assert!(problems_of(paged, &["SCAN p USING COVERING INDEX places_by_name"]).is_empty());
    // ...but a bare scan does not, LIMIT or not.
    assert_eq!(problems_of(paged, &["SCAN p"]).len(), 1);
}

#[test]
fn statements_of_pages_are_told_from_bookkeeping() {
    assert!(is_page_read("\n\nSELECT id FROM places"));
    assert!(is_page_read("WITH x AS (SELECT 1) SELECT * FROM x"));
    assert!(!is_page_read("INSERT INTO posts VALUES (1)"));
    assert!(!is_page_read("BEGIN IMMEDIATE"));
    assert!(!is_page_read(
        "SELECT version, checksum FROM _sqlx_migrations ORDER BY version"
    ));
    assert!(has_limit("SELECT 1 FROM t LIMIT 5"));
    assert!(!has_limit("SELECT 'LIMIT' FROM t -- LIMIT"));
}
