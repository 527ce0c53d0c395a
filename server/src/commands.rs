//! Commands run from the terminal beside serving the site.

use app::store::Db;
use server::config::Config;
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

/// Creates the first administrator (or makes an existing account one), so a fresh site can
/// be run from the browser from then on.
pub async fn create_admin(config: &Config, args: &[String]) -> ExitCode {
    let Some(username) = args.first() else {
        eprintln!("buurtplein: create-admin needs a USERNAME");
        return ExitCode::FAILURE;
    };
    let username = match app::model::account::username(username) {
        Ok(username) => username,
        Err(problem) => {
            eprintln!("buurtplein: that username cannot be used ({problem:?}): 3 to 32 letters, digits, '.', '-' or '_'");
            return ExitCode::FAILURE;
        }
    };
    let display_name = args.get(1).cloned().unwrap_or_else(|| username.clone());
    let display_name = match app::model::account::display_name(&display_name) {
        Ok(name) => name,
        Err(problem) => {
            eprintln!("buurtplein: that name cannot be used ({problem:?})");
            return ExitCode::FAILURE;
        }
    };
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 10 characters): ")
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map(|_| line.trim_end_matches(['\r', '\n']).to_string())
    };
    let password = match password.map_err(|e| e.to_string()).and_then(|p| {
        app::model::account::new_password(&p).map_err(|problem| format!("{problem:?}"))
    }) {
        Ok(password) => password,
        Err(problem) => {
            eprintln!(
                "buurtplein: that password cannot be used ({problem}): at least 10 characters"
            );
            return ExitCode::FAILURE;
        }
    };
    let result = async {
        let db = open_creating(config).await?;
        let hash = app::auth::password::hash(password)
            .await
            .map_err(|e| e.to_string())?;
        let now = jiff::Timestamp::now().as_second();
        let id = app::store::accounts::create_admin(&db, &username, &display_name, &hash, now)
            .await
            .map_err(|e| e.to_string())?;
        db.close().await;
        Ok::<i64, String>(id)
    }
    .await;
    match result {
        Ok(id) => {
            println!(
                "{username} (account {id}) is an administrator of {}",
                config.db_path.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("buurtplein: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `server backup PATH`: a consistent copy of the database, safe while the site runs.
pub async fn backup(config: &Config, args: &[String]) -> ExitCode {
    let Some(target) = args.first().map(std::path::PathBuf::from) else {
        eprintln!("buurtplein: backup needs a PATH for the copy");
        return ExitCode::FAILURE;
    };
    if !config.db_path.exists() {
        eprintln!(
            "buurtplein: there is no database at {}",
            config.db_path.display()
        );
        return ExitCode::FAILURE;
    }
    let result = async {
        let db = Db::open(&config.db_path).await.map_err(|e| e.to_string())?;
        let done = app::store::backup::backup(&db, &target)
            .await
            .map_err(|e| e.to_string());
        db.close().await;
        done
    }
    .await;
    match result {
        Ok(()) => {
            println!(
                "copied {} to {} (integrity check: ok)",
                config.db_path.display(),
                target.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("buurtplein: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `server restore PATH`: puts a backup in place of the database; the server must be stopped.
pub async fn restore(config: &Config, args: &[String]) -> ExitCode {
    let Some(source) = args.first().map(std::path::PathBuf::from) else {
        eprintln!("buurtplein: restore needs the PATH of a backup");
        return ExitCode::FAILURE;
    };
    match app::store::backup::restore(&source, &config.db_path).await {
        Ok(kept) => {
            println!(
                "restored {} from {}",
                config.db_path.display(),
                source.display()
            );
            if let Some(kept) = kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("buurtplein: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `server generate [SEED] [--small]`: fills an empty database with a large generated
/// neighbourhood set for benchmarks and load tests.
pub async fn generate(config: &Config, args: &[String]) -> ExitCode {
    use app::demo::generate::{generate, Scale};
    let scale = if args.iter().any(|a| a == "--small") {
        Scale::SMALL
    } else {
        Scale::FULL
    };
    let seed = match args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(|s| s.parse::<u64>())
    {
        None => 1,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("buurtplein: the SEED must be a whole number");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    let result = async {
        let db = open_creating(config).await?;
        let counts = generate(&db, seed, scale, |step| {
            eprintln!("  {step} ({:.0?})", started.elapsed())
        })
        .await
        .map_err(|e| e.to_string())?;
        db.close().await;
        Ok::<_, String>(counts)
    }
    .await;
    match result {
        Ok(Some(c)) => {
            println!(
                "{}: {} neighbourhoods, {} places, {} activities, {} residents, {} threads, {} posts, {} signups, {} walk-ins (seed {seed}, {:.1?})",
                config.db_path.display(),
                c.neighbourhoods,
                c.places,
                c.activities,
                c.residents,
                c.threads,
                c.posts,
                c.signups,
                c.walk_ins,
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!(
                "buurtplein: {} already holds places; generate only fills an empty database",
                config.db_path.display()
            );
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("buurtplein: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `server import-places FILE [--dry-run]`: adds or updates the places of a municipality's
/// list. Every row is checked before anything is written; one bad row and nothing is, so
/// the list can be fixed and run again. Rows are matched on the list's own `id`, so running
/// the same list twice changes nothing the second time.
pub async fn import_places(config: &Config, args: &[String]) -> ExitCode {
    use app::model::import::check_rows;
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let ([path], None) = (
        files.as_slice(),
        args.iter()
            .find(|a| a.starts_with("--") && *a != "--dry-run"),
    ) else {
        eprintln!("buurtplein: import-places needs one FILE (and optionally --dry-run)");
        return ExitCode::FAILURE;
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("buurtplein: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rows = match server::import::read(&bytes) {
        Ok(rows) => rows,
        Err(problem) => {
            eprintln!("buurtplein: {path}: {problem}");
            return ExitCode::FAILURE;
        }
    };
    if !rows.ignored_columns.is_empty() {
        eprintln!(
            "{path}: ignoring the columns {}",
            rows.ignored_columns.join(", ")
        );
    }
    let count = rows.rows.len();
    let (places, bad) = check_rows(rows.rows);
    if !bad.is_empty() {
        for row in &bad {
            for problem in &row.problems {
                eprintln!("{path}, {}: {problem}", row.at);
            }
        }
        eprintln!(
            "buurtplein: {} of {count} rows are bad; nothing was imported. Fix them and run again.",
            bad.len()
        );
        return ExitCode::FAILURE;
    }
    let result = async {
        let db = open_creating(config).await?;
        let report = app::store::places::import_places(&db, &places, dry_run)
            .await
            .map_err(|e| e.to_string());
        db.close().await;
        report
    }
    .await;
    match result {
        Ok(report) => {
            let verb = if dry_run { "would be" } else { "were" };
            println!(
                "{path}: {count} places read; {} {verb} added, {} {verb} changed, {} unchanged",
                report.added, report.changed, report.unchanged
            );
            if !report.new_neighbourhoods.is_empty() {
                println!(
                    "new neighbourhoods: {}",
                    report.new_neighbourhoods.join(", ")
                );
            }
            if dry_run {
                println!("dry run: nothing was written");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("buurtplein: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Opens (and migrates) the configured database, making its directory first if need be.
async fn open_creating(config: &Config) -> Result<Db, String> {
    if let Some(dir) = config
        .db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    Db::open(&config.db_path).await.map_err(|e| e.to_string())
}
