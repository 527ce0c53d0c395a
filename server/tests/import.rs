//! `server import-places`: the real binary on a municipality's list, as CSV and as GeoJSON,
//! against a temporary database.

use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import-places")
        .args(args)
        .env("BUURTPLEIN_DB", db)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the server binary")
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every place as (source key, slug, name, neighbourhood, latitude, longitude), in key order.
fn places(db: &Path) -> Vec<(String, String, String, String, f64, f64)> {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = app::store::Db::open(db).await.unwrap();
        let rows = sqlx::query_as(
            "SELECT coalesce(p.source_key, ''), p.slug, p.name, n.name, p.latitude, p.longitude
             FROM places p JOIN neighbourhoods n ON n.id = p.neighbourhood_id
             ORDER BY p.source_key, p.slug",
        )
        .fetch_all(&db.read)
        .await
        .unwrap();
        db.close().await;
        rows
    })
}

const LIST: &str = "\
id;naam;soort;adres;postcode;plaats;wijk;lat;lon;telefoon
BH-1;Buurthuis De Linde;buurthuis;Lindelaan 4;3521ab;Utrecht;Lombok;52,0907;5,1021;030-1234567
BIB-7;\"Bibliotheek; filiaal West\";bibliotheek;Kanaalstraat 1;3531 CA;Utrecht;Lombok;52.0912;5.0978;
KC-3;Koffiecorner 't Hoekje;koffiecorner;Damstraat 9;;Utrecht;Oog in Al;52.0871;5.0932;
";

#[test]
fn a_list_is_added_once_and_updated_on_its_own_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let list = dir.path().join("plekken.csv");
    std::fs::write(&list, LIST).unwrap();
    let list_arg = list.to_str().unwrap();

    let output = run(&db, &[list_arg, "--dry-run"]);
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(
        out.contains("3 places read; 3 would be added, 0 would be changed, 0 unchanged"),
        "{out}"
    );
    assert!(
        out.contains("new neighbourhoods: Lombok, Oog in Al"),
        "{out}"
    );
    assert!(out.contains("dry run: nothing was written"), "{out}");
    assert!(err.contains("ignoring the columns telefoon"), "{err}");
    assert!(places(&db).is_empty(), "a dry run writes nothing");

    let output = run(&db, &[list_arg]);
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(
        out.contains("3 were added, 0 were changed, 0 unchanged"),
        "{out}"
    );
    let first = places(&db);
    assert_eq!(
        first,
        vec![
            (
                "BH-1".into(),
                "buurthuis-de-linde".into(),
                "Buurthuis De Linde".into(),
                "Lombok".into(),
                52.0907,
                5.1021
            ),
            (
                "BIB-7".into(),
                "bibliotheek-filiaal-west".into(),
                "Bibliotheek; filiaal West".into(),
                "Lombok".into(),
                52.0912,
                5.0978
            ),
            (
                "KC-3".into(),
                "koffiecorner-t-hoekje".into(),
                "Koffiecorner 't Hoekje".into(),
                "Oog in Al".into(),
                52.0871,
                5.0932
            ),
        ]
    );

    // The same list again changes nothing.
    let output = run(&db, &[list_arg]);
    let (out, _) = text(&output);
    assert!(
        out.contains("0 were added, 0 were changed, 3 unchanged"),
        "{out}"
    );
    assert_eq!(places(&db), first);

    // A renamed place keeps its address (slug) and is updated, not added.
    std::fs::write(
        &list,
        LIST.replace("Buurthuis De Linde", "Wijkcentrum De Linde"),
    )
    .unwrap();
    let output = run(&db, &[list_arg]);
    let (out, _) = text(&output);
    assert!(
        out.contains("0 were added, 1 were changed, 2 unchanged"),
        "{out}"
    );
    let after = places(&db);
    assert_eq!(after.len(), 3);
    assert_eq!(
        (after[0].1.as_str(), after[0].2.as_str()),
        ("buurthuis-de-linde", "Wijkcentrum De Linde")
    );
}

#[test]
fn bad_rows_are_each_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let list = dir.path().join("plekken.csv");
    std::fs::write(
        &list,
        "id,name,kind,address,postcode,city,neighbourhood,latitude,longitude\n\
         A1,Goed,park,Parkweg 1,,Utrecht,Lombok,52.09,5.10\n\
         A2,Kerk,kerk,Kerkplein 2,,Utrecht,Lombok,52.09,5.10\n\
         A3,,park,Parkweg 3,12,Utrecht,Lombok,noord,5.10\n\
         \"A1\",Dubbel,park,Parkweg 5,,Utrecht,Lombok,52.09,200\n",
    )
    .unwrap();
    let output = run(&db, &[list.to_str().unwrap()]);
    let (out, err) = text(&output);
    assert!(!output.status.success(), "{out}{err}");
    for expected in [
        "line 3: kind \"kerk\" is unknown; use one of buurthuis,",
        "line 4: name is empty",
        "line 4: postcode \"12\" is not a Dutch postcode like 1234 AB",
        "line 4: latitude \"noord\" is not a number",
        "line 5: longitude 200 is outside -180 to 180",
        "line 5: id is the same as on line 2",
        "3 of 4 rows are bad; nothing was imported",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(
        !err.contains("line 2:"),
        "the good row is not reported:\n{err}"
    );
    assert!(places(&db).is_empty(), "one bad row and nothing is written");

    // The same refusals on a dry run.
    let output = run(&db, &[list.to_str().unwrap(), "--dry-run"]);
    assert!(!output.status.success());
    assert!(text(&output).1.contains("line 3: kind \"kerk\""));
}

#[test]
fn files_that_are_not_a_list_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "a.csv",
            b"naam,adres\nDe Linde,Lindelaan 4\n",
            "the header lacks the columns id, kind, city, neighbourhood, latitude, longitude",
        ),
        ("b.csv", b"id,name\n\xff\xfe\n", "not UTF-8"),
        (
            "c.json",
            b"{\"type\": \"Feature\"}",
            "not a GeoJSON FeatureCollection",
        ),
        (
            "d.json",
            b"{\"type\": \"FeatureCollection\",",
            "not a GeoJSON FeatureCollection",
        ),
        (
            "e.csv",
            b"id,name,kind,address,city,neighbourhood,latitude,longitude\n",
            "holds no places",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = run(&db, &[path.to_str().unwrap()]);
        let (out, err) = text(&output);
        assert!(!output.status.success(), "{name}: {out}");
        assert!(err.contains(expected), "{name}: {err}");
    }
    let output = run(&db, &[]);
    assert!(!output.status.success());
    assert!(text(&output).1.contains("needs one FILE"));
}

#[test]
fn geojson_reads_longitude_first_and_refuses_other_geometry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let list = dir.path().join("plekken.geojson");
    let feature = |id: &str, geometry: &str| {
        format!(
            r#"{{"type": "Feature", "id": "{id}", "geometry": {geometry},
                "properties": {{"name": "Plek {id}", "kind": "park", "address": "Weg 1",
                "city": "Utrecht", "neighbourhood": "Lombok", "website": "https://example.org"}}}}"#
        )
    };
    let good = format!(
        r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
        feature(
            "P1",
            r#"{"type": "Point", "coordinates": [5.1021, 52.0907]}"#
        )
    );
    std::fs::write(&list, &good).unwrap();
    let output = run(&db, &[list.to_str().unwrap()]);
    let (out, err) = text(&output);
    assert!(output.status.success(), "{out}{err}");
    assert!(err.contains("ignoring the columns website"), "{err}");
    let stored = places(&db);
    assert_eq!(
        (stored[0].4, stored[0].5),
        (52.0907, 5.1021),
        "[longitude, latitude]"
    );

    let bad = format!(
        r#"{{"type": "FeatureCollection", "features": [{}, {}]}}"#,
        feature(
            "P2",
            r#"{"type": "Polygon", "coordinates": [[[5.1, 52.0], [5.2, 52.0], [5.1, 52.1], [5.1, 52.0]]]}"#
        ),
        feature("P3", r#"{"type": "Point", "coordinates": [5.1, 95.0]}"#)
    );
    std::fs::write(&list, bad).unwrap();
    let output = run(&db, &[list.to_str().unwrap()]);
    let (_, err) = text(&output);
    assert!(!output.status.success());
    assert!(
        err.contains("feature 1: the geometry is Polygon, not a Point"),
        "{err}"
    );
    assert!(
        err.contains("feature 2: latitude 95 is outside -90 to 90"),
        "{err}"
    );
    assert_eq!(places(&db).len(), 1, "nothing more was written");
}
