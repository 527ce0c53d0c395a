//! The whole router driven through `oneshot`, on a real temporary SQLite file.

mod common;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::*;

#[tokio::test]
async fn home_page_is_complete_html_in_dutch() {
    let app = test_app().await;
    let reply = get(&app, "/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains(r#"<html lang="nl""#),
        "{}",
        &reply.body[..200.min(reply.body.len())]
    );
    assert!(reply.body.contains("Welkom op Buurtplein"));
    assert!(reply.body.contains("Buurthuis De Linde"));
    assert!(reply.body.contains("Plekken in De Lindenhoek"));
    assert_eq!(reply.headers[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn the_language_cookie_switches_to_english() {
    let app = test_app().await;
    let request = Request::get("/plekken")
        .header(header::COOKIE, "other=1; taal=en")
        .body(Body::empty())
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains(r#"<html lang="en""#));
    assert!(reply.body.contains("Places in the neighbourhood"));
    assert!(!reply.body.contains("Plekken in de buurt"));
}

#[tokio::test]
async fn choosing_a_language_sets_a_cookie_and_goes_back() {
    let app = test_app().await;
    let request = form_post("/taal")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from("taal=en&terug=%2Fplekken%3Fsoort%3Dpark"))
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/plekken?soort=park");
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("taal=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let request = form_post("/taal")
        .body(Body::from("taal=en&terug=https%3A%2F%2Fevil.example"))
        .unwrap();
    assert_eq!(send(&app, request).await.headers[header::LOCATION], "/");

    let request = form_post("/taal")
        .header(header::COOKIE, "taal=en")
        .body(Body::from("taal=fr"))
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("We do not know that language"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn cross_site_writes_are_refused() {
    let app = test_app().await;
    for (name, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let request = form_post("/taal")
            .header(header::HOST, "buurtplein.test")
            .header(name, value)
            .body(Body::from("taal=en"))
            .unwrap();
        assert_eq!(
            send(&app, request).await.status,
            StatusCode::FORBIDDEN,
            "{name}"
        );
    }
    let request = form_post("/taal")
        .header(header::HOST, "buurtplein.test")
        .header(header::ORIGIN, "http://buurtplein.test")
        .body(Body::from("taal=en"))
        .unwrap();
    assert_eq!(send(&app, request).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn directory_filters_by_kind_and_text() {
    let app = test_app().await;
    let reply = get(&app, "/plekken?soort=bibliotheek").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("1 plek gevonden"));
    assert!(reply.body.contains("Bibliotheek Lindenhoek"));
    assert!(!reply.body.contains("Buurthuis De Linde"));

    // A form sent without JavaScript names its empty fields too; the address is made short.
    let reply = get(&app, "/plekken?q=koffie&soort=").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/plekken?q=koffie");
    let reply = get(&app, "/plekken?q=koffie").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Koffiecorner bij de Buurtsuper"));
    assert!(!reply.body.contains("Repaircafé Lindenhoek"));
}

#[tokio::test]
async fn bad_filter_values_get_a_message_and_status_400() {
    let app = test_app().await;
    let reply = get(&app, "/plekken?soort=kasteel").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("Deze soort plek kennen we niet"));
    assert!(reply.body.contains(r#"aria-invalid="true""#));
    // The rest of the page still lists places.
    assert!(reply.body.contains("Buurthuis De Linde"));

    let long = "a".repeat(101);
    let reply = get(&app, &format!("/plekken?q={long}")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("Dat is te lang"));

    let huge = "b".repeat(20_000);
    let reply = get(&app, &format!("/plekken?q={huge}&kenmerk=%3Cscript%3E")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(!reply.body.contains("<script>alert"));
    assert!(reply.body.contains("Dit kenmerk kennen we niet"));
}

#[tokio::test]
async fn place_page_unknown_place_and_malformed_slug() {
    let app = test_app().await;
    let reply = get(&app, "/plekken/bibliotheek-lindenhoek").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Bibliotheek Lindenhoek"));
    assert!(reply.body.contains("Femke"));
    assert!(reply.body.contains("openstreetmap.org"));
    assert!(reply.body.contains("Openingstijden"));

    let reply = get(&app, "/plekken/bestaat-niet").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Deze pagina bestaat niet"));

    for bad in [
        "/plekken/Hallo%20Wereld",
        "/plekken/%3Cscript%3E",
        &format!("/plekken/{}", "a".repeat(300)),
    ] {
        let reply = get(&app, bad).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(reply.body.contains("Dit adres klopt niet"));
    }

    let reply = get(&app, "/nergens/heen").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Deze pagina bestaat niet"));
    assert!(reply.body.contains("<html"));
}

#[tokio::test]
async fn a_store_failure_is_a_friendly_500() {
    let app = test_app().await;
    app.db.read.close().await;
    let reply = get(&app, "/").await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(reply.body.contains("Er ging iets mis"));
    assert!(!reply.body.to_lowercase().contains("pool"));

    let reply = get(&app, "/health").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn health_static_files_compression_and_body_limit() {
    let app = test_app().await;
    let reply = get(&app, "/health").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("\"ok\""));

    let reply = get(&app, "/robots.txt").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.starts_with("User-agent"));

    for encoding in ["br", "gzip"] {
        let request = Request::get("/")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.headers[header::CONTENT_ENCODING], encoding);
    }

    let request = form_post("/taal")
        .body(Body::from(format!(
            "taal=en&terug={}",
            "x".repeat(server::MAX_BODY_BYTES + 1)
        )))
        .unwrap();
    assert_eq!(
        send(&app, request).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
}

#[tokio::test]
async fn server_functions_answer_json_and_refuse_bad_arguments() {
    let app = test_app().await;
    let request = form_post("/api/places/search")
        .header(header::ACCEPT, "application/json")
        .body(Body::from("query[soort]=park"))
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let names: Vec<&str> = json["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "buurttuin-de-groene-vinger",
            "park-de-vijverhof",
            "speeltuin-het-kraaiennest"
        ]
    );

    for (body, status, error) in [
        ("slug=..%2F..%2Fetc", StatusCode::BAD_REQUEST, "BadRequest"),
        ("slug=bestaat-niet", StatusCode::NOT_FOUND, "NotFound"),
        ("", StatusCode::BAD_REQUEST, "missing field"),
    ] {
        let request = form_post("/api/places/get").body(Body::from(body)).unwrap();
        let reply = send(&app, request).await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        assert!(reply.body.contains(error), "{}", reply.body);
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let app = test_app_with(true).await;
    let reply = get(&app, "/pkg/buurtplein.abc123.css").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "body{}");
    assert_eq!(
        reply.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        get(&app, "/pkg/missing.css").await.status,
        StatusCode::NOT_FOUND
    );
}

/// The release build leaves brotli and gzip copies beside each file; they are sent as they
/// are, and a file without them is still compressed on the fly.
#[tokio::test]
async fn precompressed_assets_are_served_as_they_are() {
    let app = test_app_with(true).await;
    let pkg = std::path::Path::new(&*app.state.leptos_options.site_root).join("pkg");
    let css = "body { color: #1a1a1a; background: #fffdf8; margin: 0; }";
    std::fs::write(pkg.join("x.css"), css).unwrap();
    std::fs::write(pkg.join("x.css.br"), "stands in for brotli").unwrap();
    std::fs::write(pkg.join("x.css.gz"), "stands in for gzip").unwrap();
    std::fs::write(pkg.join("y.css"), css).unwrap();

    let fetch = |uri: &'static str, encoding: Option<&'static str>| {
        let mut request = Request::get(uri);
        if let Some(encoding) = encoding {
            request = request.header(header::ACCEPT_ENCODING, encoding);
        }
        send(&app, request.body(Body::empty()).unwrap())
    };
    for (encoding, body) in [
        ("br", "stands in for brotli"),
        ("gzip", "stands in for gzip"),
    ] {
        let reply = fetch("/pkg/x.css", Some(encoding)).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.headers[header::CONTENT_ENCODING], encoding);
        assert_eq!(reply.body, body, "{encoding}");
        assert_eq!(reply.headers[header::CONTENT_TYPE], "text/css");
        assert_eq!(reply.headers[header::VARY], "accept-encoding");
        assert_eq!(
            reply.headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
    }

    let reply = fetch("/pkg/x.css", None).await;
    assert!(!reply.headers.contains_key(header::CONTENT_ENCODING));
    assert_eq!(reply.body, css);
    assert_eq!(reply.headers[header::VARY], "accept-encoding");

    for encoding in ["br", "gzip"] {
        let reply = fetch("/pkg/y.css", Some(encoding)).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.headers[header::CONTENT_ENCODING], encoding);
        assert_ne!(reply.body, css);
        assert_eq!(reply.headers.get_all(header::VARY).iter().count(), 1);
    }
}

#[tokio::test]
async fn pages_carry_a_content_security_policy_with_their_nonce() {
    let app = test_app().await;
    let reply = get(&app, "/plekken").await;
    let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16);
    assert!(
        reply.body.contains(&format!("nonce=\"{nonce}\"")),
        "the inline script carries the nonce"
    );

    // Each response gets its own nonce.
    let again = get(&app, "/plekken").await;
    assert_ne!(
        again.headers[header::CONTENT_SECURITY_POLICY],
        reply.headers[header::CONTENT_SECURITY_POLICY]
    );

    for path in ["/", "/health", "/nergens"] {
        let reply = get(&app, path).await;
        assert_eq!(
            reply.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{path}"
        );
        assert_eq!(
            reply.headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
        assert_eq!(reply.headers[header::X_FRAME_OPTIONS], "DENY");
        if path != "/health" {
            assert!(
                reply.headers.contains_key(header::CONTENT_SECURITY_POLICY),
                "{path}"
            );
        }
    }
}

/// What only shows with many places: the directory's pages, the home page's choice of a
/// neighbourhood, and the activity list's pages; in Dutch and in English.
#[tokio::test]
async fn many_places_page_and_many_neighbourhoods_list() {
    let app = generated_app().await;
    let cards = |body: &str| body.matches("class=\"place-card__name\"").count();

    let first = get(&app, "/plekken").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("Pagina 1 van 7"), "{}", first.body);
    assert_eq!(cards(&first.body), 30);
    assert!(first
        .body
        .contains("href=\"/plekken?pagina=2\" rel=\"next\""));
    assert!(!first.body.contains("rel=\"prev\""));

    let last = get(&app, "/plekken?pagina=7").await;
    assert!(last.body.contains("Pagina 7 van 7"));
    assert_eq!(cards(&last.body), 200 - 6 * 30);
    assert!(last
        .body
        .contains("href=\"/plekken?pagina=6\" rel=\"prev\""));
    assert!(!last.body.contains("rel=\"next\""));

    // One page needs no pager; the filter stays in the page links.
    let filtered = get(&app, "/plekken?buurt=wijk-2").await;
    assert!(!filtered.body.contains("class=\"pager\""));
    assert_eq!(cards(&filtered.body), 20);
    let named = get(&app, "/plekken?q=De").await;
    assert!(named.body.contains("Pagina 1 van 7"));
    assert!(
        named
            .body
            .contains("href=\"/plekken?q=De&amp;pagina=2\" rel=\"next\""),
        "{}",
        named.body
    );

    // Many neighbourhoods: the home page offers the choice, never a list of them all.
    let home = get(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("id=\"buurt-kiezen\""), "{}", home.body);
    assert!(home.body.contains("data-suggest=\"buurten\""));
    assert_eq!(home.body.matches("href=\"/plekken?buurt=wijk-").count(), 0);
    assert!(home.body.matches("class=\"place-card__name\"").count() <= 6);
    // With one chosen, that neighbourhood: a few of its places open now, its twenty one
    // link away, and its lights only.
    let chosen = get_as(&app, "/", "buurt=wijk-2").await;
    assert_eq!(chosen.status, StatusCode::OK);
    assert!(chosen.body.contains("Buurtplein in "), "{}", chosen.body);
    assert!(chosen.body.contains("/licht/live?buurt=wijk-2"));
    assert!(chosen.body.contains("Andere buurt kiezen"));
    assert!(cards(&chosen.body) <= app::api::places::HOME_OPEN_SHOWN);
    let places_in = chosen
        .body
        .split("id=\"buurt-plekken\"")
        .nth(1)
        .unwrap_or("");
    assert_eq!(cards(places_in), 0);
    assert!(
        places_in.contains("href=\"/plekken?buurt=wijk-2\"")
            && places_in.contains("Alle 20 plekken in "),
        "{places_in}"
    );
    // A cookie naming no neighbourhood is as good as none.
    let unknown = get_as(&app, "/", "buurt=bestaat-niet").await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(unknown.body.contains("id=\"buurt-kiezen\""));

    // The agenda comes a page at a time, the next page one link away.
    let agenda = get(&app, "/activiteiten").await;
    assert_eq!(agenda.status, StatusCode::OK);
    let occurrences = |body: &str| body.matches("<li class=\"activity\">").count();
    assert_eq!(occurrences(&agenda.body), app::api::activities::MAX_LISTED);
    let next = agenda
        .body
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|href| href.split('"').next())
        .expect("a link to the next page")
        .replace("&amp;", "&");
    assert!(next.contains("vanaf="), "{next}");
    let second = get(&app, &next).await;
    assert_eq!(second.status, StatusCode::OK);
    assert!(second.body.contains("Terug naar het begin"));

    for (path, english) in [
        ("/plekken", "Page 1 of 7"),
        ("/", "Which neighbourhood is yours?"),
        ("/activiteiten", "Further in the agenda"),
    ] {
        let reply = get_as(&app, path, "taal=en").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.body.contains(english), "{path}: {english}");
    }
}
