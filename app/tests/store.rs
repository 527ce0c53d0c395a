//! The store against a real SQLite file with the real migrations and demo data.

#[path = "support/test_db.rs"]
mod test_db;

use app::demo::seed;
use app::model::{Feature, OpenStatus, PlaceFilter, PlaceKind};
use app::store::{places, Db};
use jiff::Timestamp;
use test_db::demo_db;

/// A moment given as Amsterdam local time.
fn local(text: &str) -> Timestamp {
    text.parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned(app::model::hours::amsterdam())
        .unwrap()
        .timestamp()
}

fn slugs(list: &[app::model::PlaceSummary]) -> Vec<&str> {
    list.iter().map(|p| p.slug.as_str()).collect()
}

#[tokio::test]
async fn migrations_and_seed_are_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("again.db");
    let db = Db::open(&path).await.unwrap();
    assert_eq!(
        seed::seed_demo(&db).await.unwrap(),
        seed::demo_place_count()
    );
    assert_eq!(seed::seed_demo(&db).await.unwrap(), 0);
    db.close().await;
    // Reopening runs the migrator again over an up-to-date schema.
    let db = Db::open(&path).await.unwrap();
    assert_eq!(seed::seed_demo(&db).await.unwrap(), 0);
    let all = places::search(&db, &PlaceFilter::default(), Timestamp::now())
        .await
        .unwrap();
    assert_eq!(all.len(), seed::demo_place_count());
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
        .fetch_one(&db.write)
        .await
        .unwrap();
    assert_eq!(fk, 1);
}

#[tokio::test]
async fn a_fresh_database_without_demo_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("empty.db")).await.unwrap();
    let all = places::search(&db, &PlaceFilter::default(), Timestamp::now())
        .await
        .unwrap();
    assert!(all.is_empty());
    assert!(places::neighbourhoods(&db).await.unwrap().is_empty());
}

#[tokio::test]
async fn filters_by_kind_feature_neighbourhood_and_text() {
    let t = demo_db().await;
    let search = |filter: PlaceFilter| {
        let db = t.db.clone();
        async move {
            places::search(&db, &filter, Timestamp::now())
                .await
                .unwrap()
        }
    };

    let found = search(PlaceFilter {
        kind: Some(PlaceKind::Bibliotheek),
        ..Default::default()
    })
    .await;
    assert_eq!(slugs(&found), ["bibliotheek-lindenhoek"]);

    let found = search(PlaceFilter {
        feature: Some(Feature::HearingLoop),
        ..Default::default()
    })
    .await;
    assert_eq!(
        slugs(&found),
        [
            "bibliotheek-lindenhoek",
            "buurthuis-de-linde",
            "de-open-kerk"
        ]
    );
    assert!(found
        .iter()
        .all(|p| p.features.contains(&Feature::HearingLoop)));

    let found = search(PlaceFilter {
        neighbourhood: Some("de-lindenhoek".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(found.len(), seed::demo_place_count());
    let found = search(PlaceFilter {
        neighbourhood: Some("elders".into()),
        ..Default::default()
    })
    .await;
    assert!(found.is_empty());

    // Free text looks in name, address and description, without regard to case.
    let found = search(PlaceFilter {
        text: Some("REPAREREN".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(slugs(&found), ["repaircafe-lindenhoek"]);
    let found = search(PlaceFilter {
        text: Some("marktstraat".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(found.len(), 2);
    // LIKE wildcards typed by a visitor match only themselves.
    let found = search(PlaceFilter {
        text: Some("%".into()),
        ..Default::default()
    })
    .await;
    assert!(found.is_empty());

    let found = search(PlaceFilter {
        kind: Some(PlaceKind::Park),
        feature: Some(Feature::AccessibleToilet),
        ..Default::default()
    })
    .await;
    assert_eq!(slugs(&found), ["speeltuin-het-kraaiennest"]);
}

#[tokio::test]
async fn open_now_follows_amsterdam_time() {
    let t = demo_db().await;
    let open_only = PlaceFilter {
        open_now: true,
        ..Default::default()
    };

    // Monday 2026-11-23, 10:30: the buurthuis is open, the library (Tue–Sat) is not.
    let monday = places::search(&t.db, &open_only, local("2026-11-23T10:30"))
        .await
        .unwrap();
    let open = slugs(&monday);
    assert!(open.contains(&"buurthuis-de-linde"));
    assert!(!open.contains(&"bibliotheek-lindenhoek"));
    assert!(monday.iter().all(|p| p.status.is_open()));

    // Saturday 00:30 is still Friday night for the café and the youth centre.
    let night = places::search(&t.db, &open_only, local("2026-11-28T00:30"))
        .await
        .unwrap();
    assert_eq!(slugs(&night), ["cafe-de-hoek", "jongerencentrum-de-loods"]);
    assert_eq!(night[0].status, OpenStatus::Open { until: Some(120) });

    // In the summer the same wall-clock time gives the same answer.
    let summer = places::search(&t.db, &open_only, local("2026-07-06T10:30"))
        .await
        .unwrap();
    assert_eq!(slugs(&summer), slugs(&monday));
}

/// The paged "open now" (which reads the hours of the places that may be open only) agrees
/// with working out every place, every half hour of a week, lights included.
#[tokio::test]
async fn open_now_pages_agree_with_every_place_all_week() {
    let t = demo_db().await;
    let (park, _) = app::store::discussions::place_ids(&t.db, "sportpark-zandwijk-oost")
        .await
        .unwrap()
        .unwrap();
    let start = local("2026-11-23T00:00");
    // The light on at the sports park on Monday morning, until noon.
    let noon = local("2026-11-23T12:00");
    let host = app::store::accounts::create_user(
        &t.db,
        &app::store::accounts::NewUser {
            username: "rob",
            display_name: "Rob",
            email: None,
            password_hash: "x",
            invite_code: None,
        },
        start.as_second(),
    )
    .await
    .unwrap()
    .unwrap();
    app::store::lights::set_light(&t.db, park, Some(noon.as_second()), host, start.as_second())
        .await
        .unwrap();
    let open_only = PlaceFilter {
        open_now: true,
        ..Default::default()
    };
    for half_hour in 0..(7 * 48) {
        let now = start + jiff::SignedDuration::from_mins(30 * half_hour);
        let every = places::search(&t.db, &open_only, now).await.unwrap();
        let (page, total) = places::search_page(&t.db, &open_only, now, 0, 100)
            .await
            .unwrap();
        assert_eq!(total, places::Total::Exactly(every.len()), "at {now}");
        assert_eq!(slugs(&page), slugs(&every), "at {now}");
        let (first, _) = places::search_page(&t.db, &open_only, now, 1, 2)
            .await
            .unwrap();
        assert_eq!(
            slugs(&first),
            slugs(&every)
                .into_iter()
                .skip(1)
                .take(2)
                .collect::<Vec<_>>()
        );
    }
}

#[tokio::test]
async fn place_by_slug_and_unknown_slug() {
    let t = demo_db().await;
    let at = local("2026-11-24T12:00");
    let place = places::by_slug(&t.db, "buurthuis-de-linde", at)
        .await
        .unwrap()
        .expect("exists");
    assert_eq!(place.summary.name, "Buurthuis De Linde");
    assert_eq!(place.summary.kind, PlaceKind::Buurthuis);
    assert_eq!(place.hosts, ["Ans", "Mehmet"]);
    assert_eq!(place.hours.len(), 6);
    assert_eq!(place.today, 2);
    assert!(place.summary.status.is_open());
    assert!(place.osm_url().contains("mlat=52.17521"));
    assert!(places::by_slug(&t.db, "bestaat-niet", at)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn the_schema_refuses_bad_rows() {
    let t = demo_db().await;
    let bad_kind = sqlx::query(
        "INSERT INTO places (slug, neighbourhood_id, name, kind, address, city, latitude, longitude)
         VALUES ('x', 1, 'X', 'kasteel', 'a', 'b', 0, 0)",
    )
    .execute(&t.db.write)
    .await;
    assert!(bad_kind.is_err());
    let orphan = sqlx::query(
        "INSERT INTO places (slug, neighbourhood_id, name, kind, address, city, latitude, longitude)
         VALUES ('y', 999, 'Y', 'park', 'a', 'b', 0, 0)",
    )
    .execute(&t.db.write)
    .await;
    assert!(orphan.is_err(), "foreign keys must be enforced");
    let bad_hours = sqlx::query("INSERT INTO opening_hours VALUES (1, 8, 0, 60)")
        .execute(&t.db.write)
        .await;
    assert!(bad_hours.is_err());
}

#[tokio::test]
async fn a_closed_pool_is_an_error_not_a_panic() {
    let t = demo_db().await;
    t.db.read.close().await;
    assert!(
        places::search(&t.db, &PlaceFilter::default(), Timestamp::now())
            .await
            .is_err()
    );
    assert!(
        places::by_slug(&t.db, "buurthuis-de-linde", Timestamp::now())
            .await
            .is_err()
    );
}

/// A fingerprint of a database's rows, to compare two generated sets.
async fn fingerprint(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT group_concat(slug || name || city, '|') FROM (SELECT * FROM neighbourhoods ORDER BY id)",
        "SELECT group_concat(slug || name || kind || description || latitude, '|') FROM (SELECT * FROM places ORDER BY id)",
        "SELECT group_concat(place_id || title || start_date || start_minute || repeat, '|') FROM (SELECT * FROM activities ORDER BY id)",
        "SELECT count(*) || ':' || sum(length(body_source)) || ':' || sum(author_id) FROM posts",
    ] {
        out.push(sqlx::query_scalar(sql).fetch_one(&db.read).await.unwrap());
    }
    out
}

#[tokio::test]
async fn the_generator_is_deterministic_and_its_data_reads_like_real_data() {
    use app::demo::generate::{generate, Scale};
    let dir = tempfile::tempdir().unwrap();
    let mut prints = Vec::new();
    for name in ["a.db", "b.db"] {
        let db = Db::open(&dir.path().join(name)).await.unwrap();
        let counts = generate(&db, 7, Scale::SMALL, |_| {})
            .await
            .unwrap()
            .unwrap();
        assert_eq!(counts.neighbourhoods, 10);
        assert_eq!(counts.places, 200);
        assert_eq!(counts.activities, 2_000);
        assert_eq!(counts.posts, 10_000);
        prints.push(fingerprint(&db).await);
        if name == "a.db" {
            // The store reads it: the directory, a text search, a thread.
            let all = places::search(&db, &PlaceFilter::default(), Timestamp::UNIX_EPOCH)
                .await
                .unwrap();
            assert_eq!(all.len(), 200);
            let thread = app::store::discussions::thread(&db, 1, None, 0)
                .await
                .unwrap();
            assert!(thread.is_some());
            // A second run on a filled database changes nothing.
            assert!(generate(&db, 7, Scale::SMALL, |_| {})
                .await
                .unwrap()
                .is_none());
        }
        db.close().await;
    }
    assert_eq!(prints[0], prints[1], "the same seed gives the same data");
    let db = Db::open(&dir.path().join("c.db")).await.unwrap();
    generate(&db, 8, Scale::SMALL, |_| {}).await.unwrap();
    assert_ne!(
        fingerprint(&db).await,
        prints[0],
        "another seed gives other data"
    );
    // Never over a real site.
    let real = demo_db().await;
    assert!(generate(&real.db, 7, Scale::SMALL, |_| {})
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn text_search_finds_parts_of_words_ignores_accents_and_takes_any_text() {
    let t = demo_db().await;
    let find = |text: &str| PlaceFilter {
        text: Some(text.to_string()),
        ..Default::default()
    };
    let now = Timestamp::UNIX_EPOCH;
    let cafe = places::search(&t.db, &find("cafe"), now).await.unwrap();
    assert!(slugs(&cafe).contains(&"cafe-de-hoek"), "no accent needed");
    let cafe = places::search(&t.db, &find("CAFÉ"), now).await.unwrap();
    assert!(
        slugs(&cafe).contains(&"cafe-de-hoek"),
        "any case, with accent"
    );
    let part = places::search(&t.db, &find("offiecor"), now).await.unwrap();
    assert_eq!(slugs(&part), ["koffiecorner-buurtsuper"]);
    // Every word must appear, short ones too.
    let both = places::search(&t.db, &find("de linde"), now).await.unwrap();
    assert!(slugs(&both).contains(&"buurthuis-de-linde"));
    let none = places::search(&t.db, &find("linde zwembad"), now)
        .await
        .unwrap();
    assert!(none.is_empty());
    // What would be query syntax is just text.
    for text in [
        "\"",
        "a\"b",
        "NEAR(linde",
        "lin*",
        "^linde",
        "name:linde",
        "-linde",
        "OR",
        "()",
    ] {
        places::search(&t.db, &find(text), now).await.unwrap();
    }
    // A place renamed is found by its new name only.
    sqlx::query(
        "UPDATE places SET name = 'Wijkcentrum Zonnebloem' WHERE slug = 'buurthuis-de-linde'",
    )
    .execute(&t.db.write)
    .await
    .unwrap();
    let renamed = places::search(&t.db, &find("zonnebloem"), now)
        .await
        .unwrap();
    assert_eq!(slugs(&renamed), ["buurthuis-de-linde"]);
    let old = places::search(&t.db, &find("buurthuis"), now)
        .await
        .unwrap();
    assert!(!slugs(&old).contains(&"buurthuis-de-linde"));
}
