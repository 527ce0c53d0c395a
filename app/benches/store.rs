//! Store query latency on the large generated database (`make bench` makes it and sets
//! `BENCH_DB`): the directory filter, the directory's text search, and a thread page.

use app::model::{Feature, PlaceFilter, PlaceKind};
use app::store::{discussions, places, Db};
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
    group.finish();
}

criterion_group!(benches, store);
criterion_main!(benches);
