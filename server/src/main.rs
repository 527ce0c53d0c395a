mod commands;

use app::{
    state::{AppState, Clock, ModerationPolicy},
    store::Db,
};
use leptos::prelude::get_configuration;
use server::{app, config::Config};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage:
  server                                  serve the site (configured by BUURTPLEIN_* variables)
  server create-admin USERNAME [NAME]     create an administrator, or make USERNAME one;
                                          the password is read from the terminal (or stdin)
  server backup PATH                      copy the database to PATH (a new file) while the
                                          site runs; the copy is checked
  server restore PATH                     put the backup at PATH in place of the database
                                          (stop the server first; the old file is kept)
  server generate [SEED] [--small]        fill an empty database with a large generated set
                                          (1,000 neighbourhoods, 20,000 places, 200,000
                                          activities, 1,000,000 posts; --small: a hundredth)
  server import-places FILE [--dry-run]   add or update places from a CSV or GeoJSON list
                                          (see the README); every row is checked first and
                                          nothing is written if one is bad; --dry-run only
                                          tells what would change";

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("buurtplein: {message}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {}
        Some("create-admin") => return commands::create_admin(&config, &args[1..]).await,
        Some("backup") => return commands::backup(&config, &args[1..]).await,
        Some("restore") => return commands::restore(&config, &args[1..]).await,
        Some("generate") => return commands::generate(&config, &args[1..]).await,
        Some("import-places") => return commands::import_places(&config, &args[1..]).await,
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => {
            eprintln!("buurtplein: unknown command {other:?}\n{USAGE}");
            return ExitCode::FAILURE;
        }
    }
    init_logging(config.json_logs);
    match serve(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(json: bool) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn serve(config: Config) -> Result<(), String> {
    let mut leptos_options = get_configuration(None)
        .map_err(|e| format!("reading the Leptos configuration: {e}"))?
        .leptos_options;
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(std::path::Path::to_path_buf));
    server::config::complete_site_options(
        &mut leptos_options,
        |name| std::env::var(name).ok(),
        exe_dir.as_deref(),
    );
    let addr = leptos_options.site_addr;

    if let Some(dir) = config
        .db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let db = Db::open(&config.db_path)
        .await
        .map_err(|e| format!("{}: {e}", config.db_path.display()))?;
    tracing::info!(path = %config.db_path.display(), "database ready");
    let clock = match config.fixed_time {
        Some(at) => {
            tracing::warn!(%at, "the clock is fixed: every page treats this moment as now");
            Clock::fixed(at)
        }
        None => Clock::system(),
    };
    if config.demo {
        // Around the site's today: a fixed clock gets a demo of its own day.
        let seeded = app::demo::seed_all(&db, clock.now())
            .await
            .map_err(|e| format!("loading demo data: {e}"))?;
        tracing::info!(
            places = seeded.places,
            history = seeded.history,
            articles = seeded.articles,
            life = ?seeded.life,
            "demo neighbourhood ready"
        );
    } else {
        // The demo accounts' passwords are in the README: without the demo they open nothing.
        let locked = app::demo::seed_life::lock_demo_accounts(&db)
            .await
            .map_err(|e| format!("locking the demo accounts: {e}"))?;
        if locked > 0 {
            tracing::warn!(
                locked,
                "demo accounts with their README passwords were locked"
            );
        }
    }
    let mut state = AppState::new(leptos_options, db.clone(), clock)
        .await
        .map_err(|e| format!("reading the signing key: {e}"))?;
    state.policy = ModerationPolicy {
        hold_first_posts: config.hold_first_posts,
        hold_guest_reactions: config.hold_guest_reactions,
    };
    state.trust_proxy = config.trust_proxy;
    state.public_origin = config.public_origin.clone();
    state.limit_factor = config.limit_factor;
    state.tile_url = config.tile_url.clone();
    if let Some(smtp) = &config.smtp {
        state.mailer = smtp.mailer(config.public_origin.as_ref())?;
        tracing::info!("password reset links go out by mail");
    }
    tokio::spawn(server::live::announce_expired_lights(state.clone()));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("listening on {addr}: {e}"))?;
    let bound = listener
        .local_addr()
        .map_err(|e| format!("listening on {addr}: {e}"))?;
    tracing::info!("listening on http://{bound}");
    server::serve(
        listener,
        app(state),
        server::ServeConfig::default(),
        shutdown_signal(),
    )
    .await
    .map_err(|e| format!("serving: {e}"))?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "listening for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "listening for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
