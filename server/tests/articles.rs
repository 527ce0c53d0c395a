//! Articles over HTTP: who may write, the cover upload and its refusals, what is public when,
//! the Atom feed, and reactions that wait for a moderator.

mod common;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::*;

const BOUNDARY: &str = "----buurtpleinformgrens";

/// A small picture as a browser would upload it.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    app::images::gradient(width, height, [250, 200, 60], [40, 120, 200])
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// The editor's form as `multipart/form-data`; `cover` is a file part when given.
fn multipart(fields: &[(&str, &str)], cover: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = cover {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn save(app: &TestApp, cookie: Option<&str>, body: Vec<u8>) -> Reply {
    let mut request = Request::post("/redactie/artikel")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::from(body)).unwrap()).await
}

fn location(reply: &Reply) -> String {
    reply
        .headers
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("a redirect, not {} {}", reply.status, reply.body))
}

/// An account an administrator made editor on `/moderatie`, as the site does it.
async fn editor(app: &TestApp) -> String {
    let admin = sign_up(app, "beheer").await;
    promote(app, "beheer", true).await;
    let cookie = sign_up(app, "schrijver").await;
    let granted = call(
        app,
        "moderation/grant",
        Some(&admin),
        "username=schrijver&role=editor",
    )
    .await;
    assert_accepted(&granted);
    cookie
}

fn article<'a>(title: &'a str, action: &'a str, publish_at: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("lead", "Wat we leerden in de buurt."),
        ("body", "Als het licht **aan** is, komen mensen binnen."),
        ("tags", "Ontmoeten, Buurthuis"),
        ("places", "buurthuis-de-linde"),
        ("neighbourhoods", "de-lindenhoek"),
        ("cover_alt", "Een gele en blauwe kleurvlak"),
        ("publish_at", publish_at),
        ("action", action),
    ]
}

/// Publishes an article with a cover; returns its address.
async fn publish(app: &TestApp, cookie: &str, title: &str) -> String {
    let reply = save(
        app,
        Some(cookie),
        multipart(
            &article(title, "publiceer", ""),
            Some(("omslag.png", &png(1800, 900))),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    location(&reply).split('?').next().unwrap().to_string()
}

/// The editor page the refused form was sent back to, with the problem beside `field`.
async fn assert_refused_beside(
    app: &TestApp,
    cookie: &str,
    reply: &Reply,
    field: &str,
    words: &str,
) {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let back = location(reply);
    assert!(back.starts_with("/artikelen/nieuw?fout="), "{back}");
    let page = get_as(app, &back, cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    let document = scraper::Html::parse_document(&page.body);
    let selector = scraper::Selector::parse(&format!("#artikel-{field}-fout")).unwrap();
    let message: String = document.select(&selector).flat_map(|e| e.text()).collect();
    assert!(message.contains(words), "beside {field}: {message:?}");
    // What was typed comes back, so nothing long is lost.
    assert!(page.body.contains("Wat we leerden in de buurt."));
}

#[tokio::test]
async fn a_cover_must_be_a_picture_within_the_limit_and_described() {
    let app = test_app().await;
    let cookie = editor(&app).await;
    let fields = article("Een verhaal", "publiceer", "");

    let not_an_image = save(
        &app,
        Some(&cookie),
        multipart(&fields, Some(("script.png", b"<svg onload=alert(1)>"))),
    )
    .await;
    assert_refused_beside(&app, &cookie, &not_an_image, "cover", "geen foto").await;

    let mut huge = png(40, 40);
    huge.resize(app::model::article::IMAGE_MAX_BYTES + 1, 0);
    let too_large = save(
        &app,
        Some(&cookie),
        multipart(&fields, Some(("groot.png", &huge))),
    )
    .await;
    assert_refused_beside(&app, &cookie, &too_large, "cover", "5 MB").await;

    let without_alt: Vec<(&str, &str)> = fields
        .iter()
        .map(|&(k, v)| if k == "cover_alt" { (k, "") } else { (k, v) })
        .collect();
    let no_alt = save(
        &app,
        Some(&cookie),
        multipart(&without_alt, Some(("omslag.png", &png(100, 50)))),
    )
    .await;
    assert_refused_beside(&app, &cookie, &no_alt, "cover_alt", "Vul dit veld in").await;

    assert_eq!(count(&app, "articles").await, 0);
    assert_eq!(count(&app, "images").await, 0);
}

#[tokio::test]
async fn only_editors_and_administrators_write() {
    let app = test_app().await;
    let body = || multipart(&article("Niet van mij", "publiceer", ""), None);
    let anonymous = save(&app, None, body()).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let resident = sign_up(&app, "bewoner").await;
    let refused = save(&app, Some(&resident), body()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let page = get_as(&app, "/artikelen/nieuw", &resident).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "articles").await, 0);

    // Taking the role back takes the right with it.
    let cookie = editor(&app).await;
    publish(&app, &cookie, "Wel van mij").await;
    let admin = sign_up(&app, "beheer2").await;
    promote(&app, "beheer2", true).await;
    let revoked = call(
        &app,
        "moderation/grant",
        Some(&admin),
        "username=schrijver&role=no_editor",
    )
    .await;
    assert_accepted(&revoked);
    let after = save(
        &app,
        Some(&cookie),
        multipart(&article("Nog een", "publiceer", ""), None),
    )
    .await;
    assert_eq!(after.status, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "articles").await, 1);
}

#[tokio::test]
async fn a_published_article_shows_its_cover_tags_and_places() {
    let app = test_app().await;
    let cookie = editor(&app).await;
    let path = publish(&app, &cookie, "8 lessen uit de buurt").await;
    assert_eq!(path, "/artikelen/8-lessen-uit-de-buurt");
    let page = get(&app, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    let document = scraper::Html::parse_document(&page.body);
    let cover = document
        .select(&scraper::Selector::parse("img.article__cover").unwrap())
        .next()
        .expect("a cover");
    assert_eq!(cover.value().attr("width"), Some("1600"));
    assert_eq!(cover.value().attr("height"), Some("800"));
    assert_eq!(
        cover.value().attr("alt"),
        Some("Een gele en blauwe kleurvlak")
    );
    let src = cover.value().attr("src").unwrap();
    assert!(cover
        .value()
        .attr("srcset")
        .unwrap()
        .contains("-640.jpg 640w"));
    assert!(page
        .body
        .contains("href=\"/artikelen?onderwerp=ontmoeten\""));
    assert!(page.body.contains("href=\"/plekken/buurthuis-de-linde\""));
    assert!(page.body.contains("application/atom+xml"));

    let image = get(&app, src).await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.headers[header::CONTENT_TYPE], "image/jpeg");
    assert!(image.headers[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("immutable"));

    let tag = get(&app, "/artikelen?onderwerp=Ontmoeten").await;
    assert!(tag.body.contains(&format!("href=\"{path}\"")));
    let other = get(&app, "/artikelen?onderwerp=sport").await;
    assert!(!other.body.contains(&format!("href=\"{path}\"")));
    let place = get(&app, "/plekken/buurthuis-de-linde").await;
    assert!(place.body.contains(&format!("href=\"{path}\"")));

    // A second article with a shared tag is related to the first.
    let second = publish(&app, &cookie, "Nog een les").await;
    let page = get(&app, &second).await;
    let related = scraper::Html::parse_document(&page.body)
        .select(&scraper::Selector::parse("section[aria-labelledby=verwant] a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect::<Vec<_>>();
    assert_eq!(related, vec![path.clone()]);
}

#[tokio::test]
async fn drafts_and_scheduled_articles_are_not_public() {
    let app = test_app().await;
    let cookie = editor(&app).await;
    let draft = save(
        &app,
        Some(&cookie),
        multipart(&article("Nog niet af", "concept", ""), None),
    )
    .await;
    let draft_path = location(&draft).split('?').next().unwrap().to_string();
    let scheduled = save(
        &app,
        Some(&cookie),
        multipart(
            &article("Volgend jaar", "publiceer", "2099-01-01T09:00"),
            None,
        ),
    )
    .await;
    let scheduled_path = location(&scheduled).split('?').next().unwrap().to_string();

    for path in [&draft_path, &scheduled_path] {
        assert_eq!(
            get(&app, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        let preview = get_as(&app, path, &cookie).await;
        assert_eq!(preview.status, StatusCode::OK, "{path}");
        assert!(preview.body.contains("nog niet te zien"), "{path}");
    }
    let list = get(&app, "/artikelen").await.body;
    let tag = get(&app, "/artikelen?onderwerp=ontmoeten").await.body;
    let feed = get(&app, "/artikelen.atom").await.body;
    let place = get(&app, "/plekken/buurthuis-de-linde").await.body;
    for text in [&list, &tag, &feed, &place] {
        assert!(!text.contains("Nog niet af") && !text.contains("Volgend jaar"));
    }
    // Editors see them above the list.
    let theirs = get_as(&app, "/artikelen", &cookie).await.body;
    assert!(theirs.contains("Nog niet af") && theirs.contains("Volgend jaar"));
}

#[tokio::test]
async fn the_atom_feed_is_well_formed_and_escapes_hostile_titles() {
    let app = test_app().await;
    let cookie = editor(&app).await;
    let hostile = "<script>alert(1)</script> & \"Oost\" ]]>";
    publish(&app, &cookie, hostile).await;
    let feed = get(&app, "/artikelen.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    assert!(!feed.body.contains("<script>"));
    let xml = roxmltree::Document::parse(&feed.body).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let titles: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|entry| entry.children().find(|n| n.has_tag_name("title")))
        .filter_map(|title| title.text())
        .collect();
    assert_eq!(titles, vec![hostile]);
    for required in ["id", "title", "updated"] {
        assert!(
            root.children().any(|n| n.has_tag_name(required)),
            "{required}"
        );
    }

    let by_tag = get(&app, "/artikelen.atom?onderwerp=ontmoeten").await;
    assert!(roxmltree::Document::parse(&by_tag.body).is_ok());
    assert!(by_tag.body.contains("<entry>"));
    let other = get(&app, "/artikelen.atom?onderwerp=sport").await;
    assert!(!other.body.contains("<entry>"));
}

#[tokio::test]
async fn guest_reactions_wait_for_a_moderator() {
    let app = test_app().await;
    let cookie = editor(&app).await;
    let path = publish(&app, &cookie, "Reageer maar").await;
    let slug = path.trim_start_matches("/artikelen/").to_string();
    let page = get(&app, &path).await.body;
    let (token, answer) = (token_on(&page), answer_on(&page));
    // The anti-spam check wants a form that was open a few seconds.
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let posted = no_js_post(
        &app,
        "/api/articles/react",
        None,
        &path,
        format!(
            "article={slug}&name=Gast&body=Mooi+verhaal&token={}&answer={answer}",
            encode(&token)
        ),
    )
    .await;
    let back = location(&posted);
    assert!(back.contains("reactie=wacht"), "{back}");
    assert!(!get(&app, &path).await.body.contains("Mooi verhaal"));

    let moderator = sign_up(&app, "moderator").await;
    promote(&app, "moderator", false).await;
    let queue = get_as(&app, "/moderatie", &moderator).await.body;
    assert!(queue.contains("Mooi verhaal"), "in the queue");
    let post: i64 = sqlx::query_scalar("SELECT id FROM posts WHERE status = 'pending'")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    let approved = call(
        &app,
        "moderation/act",
        Some(&moderator),
        &format!("action=approve&post={post}"),
    )
    .await;
    assert_accepted(&approved);
    assert!(get(&app, &path).await.body.contains("Mooi verhaal"));

    // A resident reacts with their account: no anti-spam question, shown once they have
    // had a post approved (the default policy holds the first one).
    let resident = sign_up(&app, "bewoner").await;
    let reply = call(
        &app,
        "articles/react",
        Some(&resident),
        &format!("article={slug}&body=Herkenbaar"),
    )
    .await;
    assert_accepted(&reply);
    let status: String = sqlx::query_scalar("SELECT status FROM posts ORDER BY id DESC LIMIT 1")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(status, "pending");
}

#[tokio::test]
async fn a_neighbourhood_has_an_atom_feed_of_its_coming_activities() {
    let app = test_app().await;
    host_with_activity(&app).await;
    let feed = get(&app, "/buurten/de-lindenhoek/agenda.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
    let xml = roxmltree::Document::parse(&feed.body).expect("well-formed XML");
    let titles: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|entry| entry.children().find(|n| n.has_tag_name("title")))
        .filter_map(|title| title.text())
        .collect();
    assert!(
        !titles.is_empty() && titles.iter().all(|t| *t == "Koffieochtend"),
        "{titles:?}"
    );
    assert_eq!(
        get(&app, "/buurten/bestaat-niet/agenda.atom").await.status,
        StatusCode::NOT_FOUND
    );
    let page = get(&app, "/activiteiten?buurt=de-lindenhoek").await;
    assert!(page
        .body
        .contains("href=\"/buurten/de-lindenhoek/agenda.atom\""));
}
