//! Open data: the directory's places as JSON, CSV and GeoJSON and the agenda as JSON, with
//! the directory's filters, CORS, ETags and safe CSV.

mod common;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};
use common::*;
use serde_json::Value;

fn json(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn slugs(page: &Value) -> Vec<String> {
    page["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn place_count(app: &TestApp) -> usize {
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM places")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    usize::try_from(count).unwrap()
}

#[tokio::test]
async fn places_follow_the_directorys_filters() {
    let app = configured_app(false, |state| {
        state.clock = app::state::Clock::fixed("2026-11-24T09:30:00Z".parse().unwrap())
    })
    .await;
    let count = place_count(&app).await;
    let all = get(&app, "/plekken.json").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.headers["content-type"], "application/json");
    let all = json(&all);
    assert_eq!(all["total"], count);
    assert_eq!(all["places"].as_array().unwrap().len(), count);
    assert_eq!(all["next"], Value::Null);
    let linde = &all["places"][0];
    assert_eq!(linde["slug"], "bibliotheek-lindenhoek");

    let libraries = json(&get(&app, "/plekken.json?soort=bibliotheek").await);
    assert_eq!(slugs(&libraries), ["bibliotheek-lindenhoek"]);
    assert_eq!(libraries["places"][0]["kind"], "bibliotheek");

    // A neighbourhood by its name, a search word, "open now": the directory's own rules.
    let by_name = json(&get(&app, "/plekken.json?buurt=De+Lindenhoek").await);
    assert_eq!(by_name["total"], count);
    let coffee = json(&get(&app, "/plekken.json?q=koffie").await);
    assert!(slugs(&coffee).contains(&"koffiecorner-buurtsuper".to_string()));
    assert!(coffee["total"].as_u64().unwrap() < count as u64);
    let open = json(&get(&app, "/plekken.json?open=1").await);
    let directory_open = get(&app, "/plekken?open=1").await;
    for place in open["places"].as_array().unwrap() {
        assert_eq!(place["open_now"], true, "{place}");
        assert!(directory_open
            .body
            .contains(place["name"].as_str().unwrap()));
    }
    assert!(open["total"].as_u64().unwrap() < count as u64);

    // Bad values are named, not guessed at.
    let refused = get(&app, "/plekken.json?soort=kasteel&buurt=nergens").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let refused = json(&refused);
    let parameters: Vec<&str> = refused["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["parameter"].as_str().unwrap())
        .collect();
    assert_eq!(parameters, ["soort", "buurt"]);
    assert_eq!(
        get(&app, "/plekken.geojson?aantal=5000").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn pages_are_linked_and_cover_every_place_once() {
    let app = test_app().await;
    let mut seen = Vec::new();
    let mut next = Some("/plekken.json?aantal=4".to_string());
    let mut pages = 0;
    while let Some(uri) = next.take() {
        let reply = get(&app, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        let page = json(&reply);
        assert_eq!(page["per_page"], 4);
        seen.extend(slugs(&page));
        pages += 1;
        let link = reply
            .headers
            .get(header::LINK)
            .map(|l| l.to_str().unwrap().to_string());
        next = page["next"]
            .as_str()
            .map(|url| url.trim_start_matches("http://localhost").to_string());
        if let Some(next) = &next {
            assert!(link
                .as_deref()
                .unwrap()
                .contains(&format!("{next}>; rel=\"next\"")));
            assert!(next.contains("aantal=4"), "{next}");
        }
        if pages > 1 {
            assert!(link.unwrap().contains("rel=\"prev\""));
        }
    }
    let count = place_count(&app).await;
    assert_eq!(pages, count.div_ceil(4));
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((seen.len(), unique.len()), (count, count));
}

/// Splits CSV text into records of fields by RFC 4180's rules.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a line ended without CR"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "unterminated"
    );
    records
}

#[tokio::test]
async fn csv_cells_are_quoted_and_cannot_run_as_formulas() {
    let app = test_app().await;
    let hostile = "=HYPERLINK(\"http://kwaad.example\",\"klik\")";
    let address = "@SUM(1+1)\r\n-2, \"straat\"";
    sqlx::query(
        "INSERT INTO places (slug, neighbourhood_id, name, kind, address, city, latitude, longitude)
         SELECT 'kwaad', id, ?1, 'anders', ?2, 'Hoek', 52.1, 5.2 FROM neighbourhoods LIMIT 1",
    )
    .bind(hostile)
    .bind(address)
    .execute(&app.db.write)
    .await
    .unwrap();
    let reply = get(&app, "/plekken.csv").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers["content-type"],
        "text/csv; charset=utf-8; header=present"
    );
    let records = parse_csv(&reply.body);
    // The documented columns, in order.
    assert_eq!(records[0], app::model::open_data::CSV_HEADER);
    assert_eq!(
        (
            records[0][0].as_str(),
            records[0][7].as_str(),
            records[0][12].as_str()
        ),
        ("slug", "latitude", "light_until")
    );
    assert_eq!(
        records.len(),
        1 + place_count(&app).await,
        "a header and every place"
    );
    assert!(records.iter().all(|r| r.len() == 13));
    let bad = records.iter().find(|r| r[0] == "kwaad").unwrap();
    assert_eq!(bad[1], format!("'{hostile}"));
    assert_eq!(bad[6], format!("'{address}"));
    assert_eq!((bad[7].as_str(), bad[8].as_str()), ("52.1", "5.2"));
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} could run as a formula"
            );
        }
    }
}

#[tokio::test]
async fn answers_carry_a_strong_etag_and_revalidate_with_304() {
    let app = test_app().await;
    for path in [
        "/plekken.json",
        "/plekken.csv",
        "/plekken.geojson",
        "/activiteiten.json",
    ] {
        let first = get(&app, path).await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        let etag = first.headers[header::ETAG].to_str().unwrap().to_string();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && etag.len() > 10,
            "{etag}"
        );
        assert_eq!(first.headers[header::CACHE_CONTROL], "public, max-age=10");
        assert_eq!(get(&app, path).await.headers[header::ETAG], etag.as_str());
        let again = send(
            &app,
            Request::get(path)
                .header(header::IF_NONE_MATCH, format!("\"other\", {etag}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.headers[header::ETAG], etag.as_str());
        let stale = send(
            &app,
            Request::get(path)
                .header(header::IF_NONE_MATCH, "\"other\"")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(stale.status, StatusCode::OK);
    }
    // A change makes a new tag at once: the old one is answered in full.
    let before = get(&app, "/plekken.json").await.headers[header::ETAG].clone();
    sqlx::query(
        "UPDATE places SET name = 'Buurthuis De Linde (nieuw)' WHERE slug = 'buurthuis-de-linde'",
    )
    .execute(&app.db.write)
    .await
    .unwrap();
    let after = send(
        &app,
        Request::get("/plekken.json")
            .header(header::IF_NONE_MATCH, before.clone())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(after.status, StatusCode::OK);
    assert_ne!(after.headers[header::ETAG], before);
    assert!(after.body.contains("(nieuw)"));
}

#[tokio::test]
async fn anyone_may_read_across_sites() {
    let app = test_app().await;
    for path in ["/plekken.json", "/plekken.geojson", "/activiteiten.json"] {
        let reply = send(
            &app,
            Request::get(path)
                .header(header::ORIGIN, "https://elders.example")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(reply.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        assert!(reply.headers[header::ACCESS_CONTROL_EXPOSE_HEADERS]
            .to_str()
            .unwrap()
            .contains("ETag"));
        let head = send(&app, Request::head(path).body(Body::empty()).unwrap()).await;
        assert_eq!(head.status, StatusCode::OK);
        assert!(head.body.is_empty());
        assert_eq!(head.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let preflight = send(
            &app,
            Request::options(path)
                .header(header::ORIGIN, "https://elders.example")
                .header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "if-none-match")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(preflight.status, StatusCode::NO_CONTENT, "{path}");
        assert_eq!(preflight.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let methods = preflight.headers[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .unwrap();
        assert!(methods.contains("GET") && !methods.contains("POST"));
        assert!(preflight.headers[header::ACCESS_CONTROL_ALLOW_HEADERS]
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("if-none-match"));
    }
    // Pages stay same-site only.
    let page = get(&app, "/plekken").await;
    assert!(page
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
}

/// Checks a GeoJSON text against RFC 7946's rules for a collection of points.
fn validate_points(text: &str) -> Result<Vec<(f64, f64, Value)>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let object = doc.as_object().ok_or("not an object")?;
    if object.get("type") != Some(&Value::from("FeatureCollection")) {
        return Err("type is not FeatureCollection".into());
    }
    let features = object
        .get("features")
        .and_then(Value::as_array)
        .ok_or("features is not an array")?;
    let mut points = Vec::new();
    for (at, feature) in features.iter().enumerate() {
        let feature = feature
            .as_object()
            .ok_or(format!("feature {at} is not an object"))?;
        if feature.get("type") != Some(&Value::from("Feature")) {
            return Err(format!("feature {at}: type is not Feature"));
        }
        if let Some(id) = feature.get("id") {
            if !(id.is_string() || id.is_number()) {
                return Err(format!("feature {at}: id is neither string nor number"));
            }
        }
        let geometry = feature
            .get("geometry")
            .and_then(Value::as_object)
            .ok_or(format!("feature {at}: geometry is not an object"))?;
        if geometry.get("type") != Some(&Value::from("Point")) {
            return Err(format!("feature {at}: geometry is not a Point"));
        }
        let coordinates = geometry
            .get("coordinates")
            .and_then(Value::as_array)
            .ok_or(format!("feature {at}: coordinates are not an array"))?;
        if coordinates.len() != 2 {
            return Err(format!("feature {at}: {} coordinates", coordinates.len()));
        }
        let (lon, lat) = match (coordinates[0].as_f64(), coordinates[1].as_f64()) {
            (Some(lon), Some(lat)) if lon.is_finite() && lat.is_finite() => (lon, lat),
            _ => return Err(format!("feature {at}: coordinates are not finite numbers")),
        };
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("feature {at}: ({lon}, {lat}) out of range"));
        }
        let properties = feature
            .get("properties")
            .ok_or(format!("feature {at}: no properties member"))?;
        if !(properties.is_object() || properties.is_null()) {
            return Err(format!(
                "feature {at}: properties is neither object nor null"
            ));
        }
        points.push((lon, lat, properties.clone()));
    }
    Ok(points)
}

#[test]
fn the_validator_refuses_what_rfc_7946_refuses() {
    let point = |coordinates: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","geometry":{{"type":"Point","coordinates":{coordinates}}},"properties":{{}}}}]}}"#
        )
    };
    assert!(validate_points(&point("[5.2, 52.1]")).is_ok());
    for bad in [
        "[5.2]",
        "[5.2, 95]",
        "[200, 52]",
        "[\"5\", 52]",
        "[5, 52, 1, 2]",
    ] {
        assert!(validate_points(&point(bad)).is_err(), "{bad}");
    }
    assert!(validate_points(r#"{"type":"Feature"}"#).is_err());
    assert!(validate_points(r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}]}"#).is_err());
}

#[tokio::test]
async fn geojson_is_rfc_7946_with_longitude_first() {
    let app = generated_app().await;
    let reply = get(&app, "/plekken.geojson").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/geo+json");
    let points = validate_points(&reply.body).unwrap();
    assert_eq!(points.len(), 200);
    for (lon, lat, properties) in &points {
        for key in [
            "name", "slug", "url", "kind", "address", "open_now", "light_on",
        ] {
            assert!(properties.get(key).is_some(), "{key} missing");
        }
        // The generated city lies in the Netherlands: latitude near 52, longitude near 5.
        assert!(
            (50.0..54.0).contains(lat) && (3.0..8.0).contains(lon),
            "{lon} {lat}"
        );
    }

    // A known place: its coordinates as the database holds them, longitude first.
    let demo = test_app().await;
    let reply = get(&demo, "/plekken.geojson?q=Buurthuis+De+Linde").await;
    let points = validate_points(&reply.body).unwrap();
    let (lon, lat, properties) = points
        .iter()
        .find(|(_, _, p)| p["slug"] == "buurthuis-de-linde")
        .unwrap();
    assert_eq!((*lon, *lat), (5.28914, 52.17521));
    assert_eq!(
        properties["url"],
        "http://localhost/plekken/buurthuis-de-linde"
    );
}

#[tokio::test]
async fn the_agenda_follows_the_activity_filters() {
    let app = generated_app().await;
    let first = get(&app, "/activiteiten.json").await;
    assert_eq!(first.status, StatusCode::OK);
    let first = json(&first);
    let activities = first["activities"].as_array().unwrap();
    assert_eq!(activities.len(), 30);
    let next = first["next"].as_str().unwrap();
    assert!(
        next.starts_with("http://localhost/activiteiten.json?vanaf="),
        "{next}"
    );
    let second = json(&get(&app, next.trim_start_matches("http://localhost")).await);
    let (a, b) = (&activities[29], &second["activities"][0]);
    assert!(
        (a["date"].as_str(), a["start"].as_str()) <= (b["date"].as_str(), b["start"].as_str()),
        "{a} then {b}"
    );

    let place = activities[0]["place"].as_str().unwrap().to_string();
    let of_place = json(&get(&app, &format!("/activiteiten.json?plek={place}")).await);
    let list = of_place["activities"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|o| o["place"] == place.as_str()));
    assert!(list[0]["url"]
        .as_str()
        .unwrap()
        .starts_with("http://localhost/activiteiten/"));

    let free = json(&get(&app, "/activiteiten.json?gratis=1").await);
    assert!(free["activities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["cost_cents"] == 0));

    assert_eq!(
        get(&app, "/activiteiten.json?soort=kasteel").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&app, "/activiteiten.json?plek=bestaat-nergens-zo")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
