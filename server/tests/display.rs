//! Large text and high contrast: the form that remembers them, and pages drawn with them.

mod common;

use axum::{body::Body, http::header, http::StatusCode};
use common::*;

fn set_cookies(reply: &Reply) -> Vec<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap().to_string())
        .collect()
}

async fn post_display(app: &TestApp, body: &str) -> Reply {
    let request = form_post("/weergave")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, request).await
}

#[tokio::test]
async fn choosing_large_text_sets_a_cookie_for_a_year_and_goes_back() {
    let app = test_app().await;
    let reply = post_display(&app, "letters=groot&terug=%2Fplekken%3Fsoort%3Dpark").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/plekken?soort=park");
    let cookies = set_cookies(&reply);
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    for part in [
        "letters=groot;",
        "Path=/",
        "Max-Age=31536000",
        "SameSite=Lax",
    ] {
        assert!(cookies[0].contains(part), "{part} in {cookies:?}");
    }

    let reply = post_display(&app, "contrast=hoog&terug=%2F").await;
    let cookies = set_cookies(&reply);
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(cookies[0].starts_with("contrast=hoog;"), "{cookies:?}");
    assert!(cookies[0].contains("Max-Age=31536000"), "{cookies:?}");
}

#[tokio::test]
async fn switching_off_removes_the_cookie() {
    let app = test_app().await;
    let reply = post_display(&app, "letters=gewoon&contrast=gewoon&terug=%2Fkaart").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/kaart");
    let cookies = set_cookies(&reply);
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    assert!(cookies.iter().any(|c| c.starts_with("letters=;")));
    assert!(cookies.iter().any(|c| c.starts_with("contrast=;")));
    assert!(
        cookies.iter().all(|c| c.contains("Max-Age=0")),
        "{cookies:?}"
    );
}

#[tokio::test]
async fn unknown_values_change_nothing_and_only_local_pages_are_followed() {
    let app = test_app().await;
    let reply = post_display(&app, "letters=reuzegroot&contrast=1&terug=%2Fgesprekken").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/gesprekken");
    assert!(set_cookies(&reply).is_empty());

    for back in [
        "https%3A%2F%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "",
    ] {
        let reply = post_display(&app, &format!("letters=groot&terug={back}")).await;
        assert_eq!(reply.headers[header::LOCATION], "/", "{back}");
    }
}

#[tokio::test]
async fn a_cross_site_form_cannot_change_the_display() {
    let app = test_app().await;
    let request = form_post("/weergave")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("letters=groot"))
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(set_cookies(&reply).is_empty());
}

/// The classes on a page's `<html>` tag, after checking its language.
fn html_classes(body: &str) -> Vec<&str> {
    let start = body.find("<html").expect("an html tag");
    let tag = &body[start..start + body[start..].find('>').unwrap()];
    assert!(tag.contains(r#"lang="nl""#), "{tag}");
    tag.split_once(r#"class=""#)
        .map(|(_, rest)| rest.split('"').next().unwrap_or_default())
        .unwrap_or_default()
        .split_whitespace()
        .collect()
}

#[tokio::test]
async fn pages_are_drawn_the_way_each_visitor_chose() {
    let app = test_app().await;
    // Anonymous pages reuse their data for a few seconds; the display choice is no part of
    // it, so visitors taking turns on the same pages each get their own.
    for path in [
        "/",
        "/plekken/buurthuis-de-linde",
        "/plekken",
        "/gesprekken",
    ] {
        for _ in 0..2 {
            let both = get_as(&app, path, "taal=nl; letters=groot; contrast=hoog").await;
            assert_eq!(both.status, StatusCode::OK, "{path}");
            assert_eq!(
                html_classes(&both.body),
                ["text-large", "contrast-high"],
                "{path}"
            );
            assert_eq!(both.body.matches(r#"aria-pressed="true""#).count(), 2);
            assert!(both.body.contains(r#"name="letters" value="gewoon""#));

            let plain = get(&app, path).await;
            assert!(html_classes(&plain.body).is_empty(), "{path}");
            assert_eq!(plain.body.matches(r#"aria-pressed="false""#).count(), 2);
            assert!(plain.body.contains(r#"name="letters" value="groot""#));
            assert!(plain.body.contains(r#"name="contrast" value="hoog""#));

            let contrast = get_as(&app, path, "contrast=hoog").await;
            assert_eq!(html_classes(&contrast.body), ["contrast-high"], "{path}");
        }
    }
}
