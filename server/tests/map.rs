//! `/kaart` and a place's small map: server-drawn SVG and lists first, the tile server in
//! the CSP, and Leaflet never on a page that did not ask for it.

mod common;

use axum::http::{header, StatusCode};
use common::*;

async fn tiled_app() -> TestApp {
    configured_app(false, |state| {
        state.tile_url = "http://tegels.test/{z}/{x}/{y}.png".into();
    })
    .await
}

#[tokio::test]
async fn the_map_starts_from_the_residents_neighbourhood() {
    let app = tiled_app().await;
    let page = get_as(&app, "/kaart", "buurt=de-lindenhoek").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = scraper::Html::parse_document(&page.body);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let svg = html
        .select(&select("svg.map__svg"))
        .next()
        .expect("an SVG map");
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert!(svg.value().attr("aria-label").unwrap().contains("plekken"));
    let dots = html.select(&select("svg.map__svg circle")).count();
    let listed = html.select(&select("ol.map-list > li a")).count();
    assert!(dots > 1);
    assert_eq!(dots, listed, "a numbered dot for every place in the list");
    let map = html.select(&select(".map[data-map]")).next().unwrap();
    assert_eq!(
        map.value().attr("data-geojson"),
        Some("/plekken.geojson?buurt=de-lindenhoek&aantal=100")
    );
    assert_eq!(
        map.value().attr("data-tiles"),
        Some("http://tegels.test/{z}/{x}/{y}.png")
    );
    assert_eq!(html.select(&select("script[src='/map.js']")).count(), 1);
    // The filter form shows the neighbourhood it used.
    let field = html.select(&select("input#buurt")).next().unwrap();
    assert_eq!(field.value().attr("value"), Some("De Lindenhoek"));
    // Legend in words.
    assert!(page.body.contains("Groen: nu open") && page.body.contains("Grijs: nu dicht"));

    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    let img = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("img-src"))
        .unwrap();
    assert_eq!(img, "img-src 'self' data: http://tegels.test");
    assert!(!csp.contains("connect-src 'self' http://tegels.test"));
}

#[tokio::test]
async fn the_map_filters_like_the_directory() {
    let app = tiled_app().await;
    let page = get(&app, "/kaart?soort=bibliotheek").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Bibliotheek Lindenhoek"));
    assert!(!page.body.contains("Buurthuis De Linde</a>"));
    assert!(page
        .body
        .contains("data-geojson=\"/plekken.geojson?soort=bibliotheek&amp;aantal=100\""));
    let refused = get(&app, "/kaart?soort=kasteel").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("field-error"));
}

#[tokio::test]
async fn hostile_names_stay_text_on_the_map() {
    let app = tiled_app().await;
    sqlx::query(
        "INSERT INTO places (slug, neighbourhood_id, name, kind, address, city, latitude, longitude)
         SELECT 'kwaad', id, '<script>alert(1)</script>\" onload=\"x', 'anders', 'Straat 1', 'Hoek',
                52.1751, 5.2893 FROM neighbourhoods LIMIT 1",
    )
    .execute(&app.db.write)
    .await
    .unwrap();
    let map = get_as(&app, "/kaart", "buurt=de-lindenhoek").await;
    assert!(!map.body.contains("<script>alert"));
    assert!(map.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let place = get(&app, "/plekken/kwaad").await;
    assert_eq!(place.status, StatusCode::OK);
    assert!(!place.body.contains("<script>alert"));
    assert!(!place.body.contains("\" onload=\"x\""));
}

#[tokio::test]
async fn a_place_page_shows_its_svg_map_and_loads_leaflet_only_when_asked() {
    let app = tiled_app().await;
    let page = get(&app, "/plekken/buurthuis-de-linde").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = scraper::Html::parse_document(&page.body);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let map = html
        .select(&select(".map[data-map='on-demand']"))
        .next()
        .expect("a small map");
    assert_eq!(map.value().attr("data-lat"), Some("52.17521"));
    assert_eq!(map.value().attr("data-lon"), Some("5.28914"));
    assert_eq!(
        html.select(&select(".map svg[role='img'] circle")).count(),
        1
    );
    assert_eq!(html.select(&select("button.map__show[hidden]")).count(), 1);
    assert!(!page.body.contains("leaflet.js"));
    assert!(page.body.contains("/map.js"));
    // Pages without a map load no map script.
    assert!(!get(&app, "/plekken").await.body.contains("/map.js"));
}
