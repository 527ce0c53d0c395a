//! Configuration from the environment, with defaults that run the demo site.

use app::state::PublicOrigin;
use std::path::PathBuf;

pub const DEFAULT_DB_PATH: &str = "data/buurtplein.db";

/// The name cargo-leptos gives the built CSS, JS and wasm (`name` in the workspace's
/// `[[workspace.metadata.leptos]]`). Leptos learns it from `LEPTOS_OUTPUT_NAME` at build or
/// start time; a binary built by plain `cargo build` (the benches, the soak test) or started
/// by systemd has neither, and would link `/pkg/.css`.
pub const OUTPUT_NAME: &str = "buurtplein";

/// Completes what Leptos read from the environment so the binary serves its site however it
/// was built and started: the output name, and the site folder: `LEPTOS_SITE_ROOT`, else
/// `target/site` under the working folder (cargo-leptos' layout), else `site` beside the
/// binary's folder (`target/release/server` → `target/site`, or `/opt/buurtplein/bin/server`
/// → `/opt/buurtplein/site`).
pub fn complete_site_options(
    options: &mut leptos::prelude::LeptosOptions,
    lookup: impl Fn(&str) -> Option<String>,
    exe_dir: Option<&std::path::Path>,
) {
    if options.output_name.is_empty() {
        options.output_name = OUTPUT_NAME.into();
    }
    if lookup("LEPTOS_SITE_ROOT").is_none() && !std::path::Path::new(&*options.site_root).is_dir() {
        if let Some(site) = exe_dir
            .and_then(std::path::Path::parent)
            .map(|dir| dir.join("site"))
            .filter(|site| site.is_dir())
        {
            options.site_root = site.to_string_lossy().into_owned().into();
        }
    }
    // cargo-leptos writes hash.txt beside the binary of a hashed build.
    if lookup("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = exe_dir.is_some_and(|dir| dir.join(&*options.hash_file).exists());
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `BUURTPLEIN_DB`: the SQLite file, created on first start.
    pub db_path: PathBuf,
    /// `BUURTPLEIN_DEMO`: fill in the demo neighbourhood on start (default on; `0` switches it off).
    pub demo: bool,
    /// `BUURTPLEIN_LOG_FORMAT`: `json` for one JSON object per line, otherwise readable text.
    pub json_logs: bool,
    /// `BUURTPLEIN_FIXED_TIME`: an RFC 3339 moment the site treats as "now" (for browser tests
    /// and demos); unset means the system clock.
    pub fixed_time: Option<jiff::Timestamp>,
    /// `BUURTPLEIN_HOLD_FIRST_POSTS`: how many posts of a new account wait for a moderator
    /// (default 1; 0 lets everything through at once).
    pub hold_first_posts: u32,
    /// `BUURTPLEIN_HOLD_REACTIONS`: reactions without an account wait for a moderator
    /// (default 1).
    pub hold_guest_reactions: bool,
    /// `BUURTPLEIN_TRUST_PROXY`: take the client address from `X-Forwarded-For` (only behind
    /// a reverse proxy that sets it; default 0).
    pub trust_proxy: bool,
    /// `BUURTPLEIN_LIMIT_FACTOR`: multiplies every rate limit (default 1); browser tests that
    /// sign up many people from one address raise it.
    pub limit_factor: u32,
    /// `BUURTPLEIN_PUBLIC_ORIGIN`: the scheme and host the public uses, such as
    /// `https://buurtplein.example.nl`. With https, cookies are Secure and `__Host-` named and
    /// every answer carries HSTS. Unset: plain http, links use the host the request named.
    pub public_origin: Option<PublicOrigin>,
    /// `BUURTPLEIN_TILE_URL`: the map tiles' address, with `{z}`, `{x}` and `{y}`; its host is
    /// the only other one pages may load images from.
    pub tile_url: String,
    /// `BUURTPLEIN_SMTP_URL` and `BUURTPLEIN_MAIL_FROM`: the mail server and the sender of
    /// password reset links. Unset: no mail; residents ask a host or moderator for a reset
    /// code instead. Needs `BUURTPLEIN_PUBLIC_ORIGIN`, the only address links in mail use.
    pub smtp: Option<SmtpSettings>,
}

/// Where mail goes out: `smtp://host:port` (a relay on this machine, no TLS),
/// `smtp://user:pass@host?tls=required` (STARTTLS, port 587 unless given) or
/// `smtps://user:pass@host` (TLS, port 465 unless given); and the sender, such as
/// `Buurtplein <noreply@buurtplein.example.nl>`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub url: String,
    pub from: String,
}

/// The URL may hold a password: it is never printed.
impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &"…")
            .field("from", &self.from)
            .finish()
    }
}

impl SmtpSettings {
    /// The mailer these settings describe, greeting the server with the site's host name.
    pub fn mailer(
        &self,
        public_origin: Option<&PublicOrigin>,
    ) -> Result<app::mail::Mailer, String> {
        let host = public_origin.map(|origin| {
            let rest = origin
                .as_str()
                .split_once("://")
                .map_or("", |(_, rest)| rest);
            rest.rsplit_once(':')
                .map_or(rest, |(host, _)| host)
                .to_string()
        });
        app::mail::Mailer::smtp(&self.url, &self.from, host.as_deref())
    }
}

fn smtp(
    lookup: &impl Fn(&str) -> Option<String>,
    public_origin: Option<&PublicOrigin>,
) -> Result<Option<SmtpSettings>, String> {
    let set = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
    let Some(url) = set("BUURTPLEIN_SMTP_URL") else {
        return Ok(None);
    };
    let from = set("BUURTPLEIN_MAIL_FROM").ok_or(
        "BUURTPLEIN_MAIL_FROM must be set with BUURTPLEIN_SMTP_URL, like \
         Buurtplein <noreply@buurtplein.example.nl>",
    )?;
    if public_origin.is_none() {
        return Err(
            "BUURTPLEIN_SMTP_URL needs BUURTPLEIN_PUBLIC_ORIGIN: links in mail use that \
                    address, never the one a request names"
                .into(),
        );
    }
    let settings = SmtpSettings {
        url: url.trim().to_string(),
        from: from.trim().to_string(),
    };
    settings
        .mailer(public_origin)
        .map_err(|e| format!("BUURTPLEIN_SMTP_URL or BUURTPLEIN_MAIL_FROM: {e}"))?;
    Ok(Some(settings))
}

fn flag(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: bool,
) -> Result<bool, String> {
    match lookup(name).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some("1") | Some("true") | Some("yes") | Some("on") => Ok(true),
        Some("0") | Some("false") | Some("no") | Some("off") => Ok(false),
        Some(other) => Err(format!("{name} must be 1 or 0, not {other:?}")),
    }
}

fn number(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: u32,
) -> Result<u32, String> {
    match lookup(name).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| format!("{name} must be a whole number, not {text:?}")),
    }
}

fn tile_url(lookup: &impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let Some(text) = lookup("BUURTPLEIN_TILE_URL").filter(|v| !v.trim().is_empty()) else {
        return Ok(app::state::DEFAULT_TILE_URL.to_string());
    };
    let text = text.trim();
    let placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| text.contains(p));
    if app::model::map::tile_origin(text).is_none() || !placeholders {
        return Err(format!(
            "BUURTPLEIN_TILE_URL must be an http(s) address with {{z}}, {{x}} and {{y}}, like \
             {}, not {text:?}",
            app::state::DEFAULT_TILE_URL
        ));
    }
    Ok(text.to_string())
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let db_path = lookup("BUURTPLEIN_DB")
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DB_PATH.to_string());
        let demo = flag(&lookup, "BUURTPLEIN_DEMO", true)?;
        let json_logs = match lookup("BUURTPLEIN_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("") | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(format!(
                    "BUURTPLEIN_LOG_FORMAT must be text or json, not {other:?}"
                ));
            }
        };
        let fixed_time = match lookup("BUURTPLEIN_FIXED_TIME").as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse::<jiff::Timestamp>().map_err(|e| {
                format!("BUURTPLEIN_FIXED_TIME must be an RFC 3339 time like 2026-11-24T10:30:00+01:00: {e}")
            })?),
        };
        let public_origin = match lookup("BUURTPLEIN_PUBLIC_ORIGIN").as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                PublicOrigin::parse(text).map_err(|e| format!("BUURTPLEIN_PUBLIC_ORIGIN: {e}"))?,
            ),
        };
        Ok(Config {
            db_path: PathBuf::from(db_path),
            demo,
            json_logs,
            fixed_time,
            hold_first_posts: number(&lookup, "BUURTPLEIN_HOLD_FIRST_POSTS", 1)?,
            hold_guest_reactions: flag(&lookup, "BUURTPLEIN_HOLD_REACTIONS", true)?,
            trust_proxy: flag(&lookup, "BUURTPLEIN_TRUST_PROXY", false)?,
            limit_factor: number(&lookup, "BUURTPLEIN_LIMIT_FACTOR", 1)?.max(1),
            smtp: smtp(&lookup, public_origin.as_ref())?,
            public_origin,
            tile_url: tile_url(&lookup)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_name_is_the_one_cargo_leptos_builds() {
        let manifest = include_str!("../../Cargo.toml");
        let metadata = manifest
            .split("[[workspace.metadata.leptos]]")
            .nth(1)
            .expect("the leptos metadata");
        let name = metadata
            .lines()
            .find_map(|line| line.strip_prefix("name = "))
            .expect("its name");
        assert_eq!(name.trim_matches('"'), OUTPUT_NAME);
    }

    #[test]
    fn the_site_is_found_beside_the_binary_without_cargo_leptos() {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(dir.path().join("site/pkg")).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        let mut options = leptos::prelude::LeptosOptions::builder()
            .output_name("")
            .site_root("target/does-not-exist")
            .build();
        complete_site_options(&mut options, |_| None, Some(&bin));
        assert_eq!(&*options.output_name, OUTPUT_NAME);
        assert_eq!(
            std::path::Path::new(&*options.site_root),
            dir.path().join("site")
        );
        assert!(!options.hash_files);
        std::fs::write(bin.join("hash.txt"), "").unwrap();
        complete_site_options(&mut options, |_| None, Some(&bin));
        assert!(options.hash_files);

        // What the environment says stands.
        let mut options = leptos::prelude::LeptosOptions::builder()
            .output_name("anders")
            .site_root("target/does-not-exist")
            .build();
        complete_site_options(
            &mut options,
            |name| (name != "LEPTOS_OUTPUT_NAME").then(|| "x".to_string()),
            Some(&bin),
        );
        assert_eq!(&*options.output_name, "anders");
        assert_eq!(&*options.site_root, "target/does-not-exist");
    }

    fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
        Config::from_lookup(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn defaults_run_the_demo() {
        assert_eq!(
            config(&[]),
            Ok(Config {
                db_path: PathBuf::from(DEFAULT_DB_PATH),
                demo: true,
                json_logs: false,
                fixed_time: None,
                hold_first_posts: 1,
                hold_guest_reactions: true,
                trust_proxy: false,
                limit_factor: 1,
                public_origin: None,
                tile_url: app::state::DEFAULT_TILE_URL.into(),
                smtp: None,
            })
        );
    }

    #[test]
    fn mail_needs_a_sender_and_the_public_origin() {
        let origin = ("BUURTPLEIN_PUBLIC_ORIGIN", "https://buurtplein.example.nl");
        let from = (
            "BUURTPLEIN_MAIL_FROM",
            "Buurtplein <noreply@buurtplein.example.nl>",
        );
        let url = ("BUURTPLEIN_SMTP_URL", "smtps://wie:geheim@mail.example.nl");
        let c = config(&[origin, from, url]).unwrap();
        let smtp = c.smtp.clone().unwrap();
        assert_eq!(smtp.from, from.1);
        assert!(smtp
            .mailer(c.public_origin.as_ref())
            .unwrap()
            .is_configured());
        assert!(!format!("{c:?}").contains("geheim"), "no password in {c:?}");
        assert_eq!(config(&[origin, from]).unwrap().smtp, None);
        assert!(config(&[origin, url]).is_err(), "a sender is needed");
        assert!(
            config(&[from, url]).is_err(),
            "links need the public origin"
        );
        for bad in ["mail.example.nl", "http://mail.example.nl", "smtp://"] {
            assert!(
                config(&[origin, from, ("BUURTPLEIN_SMTP_URL", bad)]).is_err(),
                "{bad}"
            );
        }
        assert!(config(&[origin, url, ("BUURTPLEIN_MAIL_FROM", "niemand")]).is_err());
        let local = config(&[
            ("BUURTPLEIN_PUBLIC_ORIGIN", "http://localhost:3000"),
            from,
            ("BUURTPLEIN_SMTP_URL", "smtp://127.0.0.1:2525"),
        ])
        .unwrap();
        assert!(local.smtp.is_some());
    }

    #[test]
    fn the_public_origin_is_a_scheme_and_host() {
        let c = config(&[("BUURTPLEIN_PUBLIC_ORIGIN", "https://Buurtplein.example.nl/")]).unwrap();
        let origin = c.public_origin.unwrap();
        assert!(origin.is_https());
        assert_eq!(origin.as_str(), "https://buurtplein.example.nl");
        let c = config(&[("BUURTPLEIN_PUBLIC_ORIGIN", "http://localhost:3000")]).unwrap();
        assert!(!c.public_origin.unwrap().is_https());
        for bad in [
            "buurtplein.example.nl",
            "ftp://buurtplein.example.nl",
            "https://buurtplein.example.nl/pad",
            "https://iemand@buurtplein.example.nl",
            "https://",
        ] {
            assert!(
                config(&[("BUURTPLEIN_PUBLIC_ORIGIN", bad)]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn values_are_read_and_checked() {
        let c = config(&[
            ("BUURTPLEIN_DB", "/tmp/x.db"),
            ("BUURTPLEIN_DEMO", "0"),
            ("BUURTPLEIN_LOG_FORMAT", "json"),
            ("BUURTPLEIN_FIXED_TIME", "2026-11-24T10:30:00+01:00"),
        ])
        .unwrap();
        assert_eq!(c.fixed_time, Some("2026-11-24T09:30:00Z".parse().unwrap()));
        assert!(config(&[("BUURTPLEIN_FIXED_TIME", "dinsdag")]).is_err());
        assert_eq!(c.db_path, PathBuf::from("/tmp/x.db"));
        assert!(!c.demo && c.json_logs);
        assert!(config(&[("BUURTPLEIN_DEMO", "maybe")]).is_err());
        assert!(config(&[("BUURTPLEIN_LOG_FORMAT", "xml")]).is_err());
        let c = config(&[
            ("BUURTPLEIN_HOLD_FIRST_POSTS", "0"),
            ("BUURTPLEIN_HOLD_REACTIONS", "off"),
            ("BUURTPLEIN_TRUST_PROXY", "1"),
            ("BUURTPLEIN_LIMIT_FACTOR", "100"),
        ])
        .unwrap();
        assert_eq!(
            (
                c.hold_first_posts,
                c.hold_guest_reactions,
                c.trust_proxy,
                c.limit_factor
            ),
            (0, false, true, 100)
        );
        assert!(config(&[("BUURTPLEIN_HOLD_FIRST_POSTS", "-1")]).is_err());
    }

    #[test]
    fn the_tile_url_is_an_address_with_its_placeholders() {
        let c = config(&[("BUURTPLEIN_TILE_URL", "http://tegels.test/{z}/{x}/{y}.png")]).unwrap();
        assert_eq!(c.tile_url, "http://tegels.test/{z}/{x}/{y}.png");
        for bad in [
            "tegels.test/{z}/{x}/{y}.png",
            "http://tegels.test/tegel.png",
            "javascript:{z}{x}{y}",
            "https://a b/{z}/{x}/{y}",
        ] {
            assert!(config(&[("BUURTPLEIN_TILE_URL", bad)]).is_err(), "{bad}");
        }
    }
}
