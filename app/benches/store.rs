//! Store query latency on the large generated database (`make bench` makes it and sets
//! `BENCH_DB`): the directory filter, the directory's text search, a thread page, the
//! agenda on the account page of a resident who joined 50 weekly series, and the insights
//! of a place and of a neighbourhood over twelve weeks.

use app::model::{Feature, PlaceFilter, PlaceKind};
use app::store::{activities, discussions, places, Db};
use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

fn database() -> (tokio::runtime::Runtime, Db) {
    let path = PathBuf::from(
        std::env::var("BENCH_DB").expect("BENCH_DB names the generated database (make bench)"),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let db = runtime
        .block_on(Db::open(&path))
        .expect("the generated database opens");
    (runtime, db)
}

fn store(c: &mut Criterion) {
    let (runtime, db) = database();
    let now = jiff::Timestamp::now();
    let mut group = c.benchmark_group("store");
    group.sample_size(30);
    let filter = PlaceFilter {
        kind: Some(PlaceKind::Cafe),
        feature: Some(Feature::StepFree),
        ..Default::default()
    };
    group.bench_function("directory_filter", |b| {
        b.to_async(&runtime)
            .iter(|| places::search_page(&db, &filter, now, 0, 30))
    });
    let text = PlaceFilter {
        text: Some("koffie".into()),
        ..Default::default()
    };
    group.bench_function("text_search", |b| {
        b.to_async(&runtime)
            .iter(|| places::search_page(&db, &text, now, 0, 30))
    });
    group.bench_function("thread_page", |b| {
        b.to_async(&runtime)
            .iter(|| discussions::thread(&db, 12_345, None, now.as_second()))
    });
    let (resident, today) = runtime.block_on(resident_of_fifty_series(&db));
    group.bench_function("account_agenda", |b| {
        b.to_async(&runtime).iter(|| async {
            let joined = activities::joined(
                &db,
                resident,
                today,
                app::model::activity::schedule::join_horizon(today),
                app::api::activities::MY_AGENDA_LIMIT,
            )
            .await
            .expect("joined");
            activities::occurrence_views(&db, joined, Some(resident))
                .await
                .expect("views")
        })
    });
    // Place 124 and neighbourhood 7 have the generated twelve weeks of visits.
    group.bench_function("insights_place", |b| {
        b.to_async(&runtime)
            .iter(|| app::store::insights::place_weeks(&db, 124, "2026-08-24", "2026-11-22"))
    });
    group.bench_function("insights_neighbourhood", |b| {
        b.to_async(&runtime)
            .iter(|| app::store::insights::neighbourhood_places(&db, 7, "2026-08-24", "2026-11-22"))
    });
    group.finish();
}

/// A generated resident signed up for every occurrence of 50 weekly series in the window
/// the account page shows (added once; later runs find them there).
async fn resident_of_fifty_series(db: &Db) -> (i64, jiff::civil::Date) {
    let today = jiff::Zoned::now()
        .with_time_zone(app::model::hours::amsterdam())
        .date();
    let resident: i64 = sqlx::query_scalar("SELECT min(id) FROM users")
        .fetch_one(&db.read)
        .await
        .expect("a resident");
    app::demo::generate::join_weekly_series(db, resident, 50, today)
        .await
        .expect("the signups");
    (resident, today)
}

criterion_group!(benches, store);
criterion_main!(benches);
