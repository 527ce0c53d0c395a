use crate::api::places::{get_place, SwitchLight};
use crate::components::{
    error_page::Loaded, feature_list::FeatureList, light_switch::LightSwitch,
    open_badge::OpenBadge, place_discussion::PlaceDiscussionSection, place_map::PlaceMiniMap,
};
use crate::i18n::{fill, use_texts};
use crate::islands::live_updates::{live_region, LiveUpdates};
use crate::model::open_data::LocatedPlace;
use crate::model::{hours::format_minute, OpeningPeriod, PlaceDetail};
use leptos::{either::Either, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// The parts of a place's page that load on their own.
#[derive(Clone, Copy)]
pub struct PlaceResources {
    pub runs: Resource<Result<bool, crate::error::AppError>>,
    pub activities: Resource<Result<crate::model::activity::ActivityList, crate::error::AppError>>,
    pub discussion:
        Resource<Result<crate::model::discussion::PlaceDiscussion, crate::error::AppError>>,
    pub articles:
        Resource<Result<Vec<crate::model::article::ArticleSummary>, crate::error::AppError>>,
}

#[component]
pub fn PlaceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let switch = ServerAction::<SwitchLight>::new();
    provide_context(switch);
    let place = Resource::new(slug, get_place);
    // Every resource of the page is made here, before anything waits: made inside content
    // that waited, the server could make one twice and the page would not hydrate.
    provide_context(PlaceResources {
        runs: Resource::new(slug, crate::api::places::runs_place),
        activities: Resource::new(
            move || crate::api::activities::ActivityQuery {
                place: Some(slug()),
                ..Default::default()
            },
            crate::api::activities::list_activities,
        ),
        discussion: Resource::new(slug, crate::api::threads::get_place_discussion),
        articles: Resource::new(slug, crate::api::articles::get_place_articles),
    });

    view! {
        <Loaded data=place view=|place| view! { <PlaceView place/> }/>
    }
}

#[component]
fn PlaceView(place: PlaceDetail) -> impl IntoView {
    let t = use_texts();
    let resources = expect_context::<PlaceResources>();
    let switch = expect_context::<ServerAction<SwitchLight>>();
    let summary = place.summary.clone();
    let map_link = fill(t.place_map_link, &[("name", &summary.name)]);
    let osm = place.osm_url();
    let meta = place.description.chars().take(160).collect::<String>();
    view! {
        <Title text=summary.name.clone()/>
        <Meta name="description" content=meta/>
        // When this place's light goes on or off (and only then), its status follows.
        <LiveUpdates/>
        <article class="place">
            <header
                class="place__header"
                id="plek-kop"
                data-live=live_region(&format!("/licht/live?plek={}", summary.slug), "light")
            >
                <p class="place__kind">{summary.kind.label(t)}</p>
                <h1>{summary.name.clone()}</h1>
                <p class="place__neighbourhood">
                    {fill(t.place_in_neighbourhood, &[("name", &summary.neighbourhood_name)])}
                </p>
                <OpenBadge status=summary.status light_until=summary.light_until.clone()/>
            </header>
            <LightSwitch
                runs=resources.runs
                slug=summary.slug.clone()
                light_until=summary.light_until.clone()
                action=switch
            />
            <p class="place__description">{place.description.clone()}</p>
            <div class="place__columns">
                <section aria-labelledby="openingstijden">
                    <h2 id="openingstijden">{t.place_hours_heading}</h2>
                    <HoursTable hours=place.hours.clone() today=place.today/>
                </section>
                <section aria-labelledby="kenmerken">
                    <h2 id="kenmerken">{t.place_features_heading}</h2>
                    {if summary.features.is_empty() {
                        Either::Left(view! { <p>{t.place_no_features}</p> })
                    } else {
                        Either::Right(view! { <FeatureList features=summary.features.clone()/> })
                    }}
                </section>
                <section aria-labelledby="gastheren">
                    <h2 id="gastheren">{t.place_hosts_heading}</h2>
                    {if place.hosts.is_empty() {
                        Either::Left(view! { <p>{t.place_no_hosts}</p> })
                    } else {
                        Either::Right(view! {
                            <ul class="hosts">
                                {place.hosts.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}
                            </ul>
                        })
                    }}
                </section>
                <section aria-labelledby="adres">
                    <h2 id="adres">{t.place_address_heading}</h2>
                    <address>
                        {summary.address.clone()}<br/>
                        {format!("{} {}", place.postcode, place.city)}
                    </address>
                    <PlaceMiniMap place=LocatedPlace {
                        summary: summary.clone(),
                        latitude: place.latitude,
                        longitude: place.longitude,
                    }/>
                    <p><a href=osm rel="external">{map_link}</a></p>
                </section>
            </div>
            <PlaceActivities slug=summary.slug.clone()/>
            <PlaceArticles/>
            <PlaceDiscussionSection discussion=resources.discussion/>
            <p><a href="/plekken">{t.place_back}</a></p>
        </article>
    }
}

/// The week's hours, one row per day, today marked.
#[component]
fn HoursTable(hours: Vec<OpeningPeriod>, today: u8) -> impl IntoView {
    let t = use_texts();
    if hours.is_empty() {
        return Either::Left(view! { <p>{t.place_no_hours}</p> });
    }
    let rows = (1..=7u8)
        .map(|day| {
            let periods: Vec<String> = hours
                .iter()
                .filter(|p| p.weekday == day)
                .map(|p| format!("{} – {}", format_minute(p.opens), format_minute(p.closes)))
                .collect();
            let text = if periods.is_empty() {
                t.place_hours_closed.to_string()
            } else {
                periods.join(", ")
            };
            let is_today = day == today;
            view! {
                <tr class:today=is_today aria-current=is_today.then_some("date")>
                    <th scope="row">
                        {t.weekday(day)}
                        {is_today.then(|| view! { " (" {t.place_hours_today} ")" })}
                    </th>
                    <td>{text}</td>
                </tr>
            }
        })
        .collect_view();
    Either::Right(view! {
        <table class="hours">
            <caption class="visually-hidden">{t.place_hours_heading}</caption>
            <tbody>{rows}</tbody>
        </table>
    })
}

/// The articles about this place, newest first; nothing when there are none.
#[component]
fn PlaceArticles() -> impl IntoView {
    let t = use_texts();
    let articles = expect_context::<PlaceResources>().articles;
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                articles.await.ok().filter(|list| !list.is_empty()).map(|list| view! {
                    <section class="place-talk" aria-labelledby="artikelen">
                        <h2 id="artikelen">{t.articles_place_heading}</h2>
                        <crate::components::article_card::ArticleCards articles=list level=3/>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// What happens here in the coming weeks, with the place's calendar feed and paper agenda.
#[component]
fn PlaceActivities(slug: String) -> impl IntoView {
    let t = use_texts();
    let list = expect_context::<PlaceResources>().activities;
    view! {
        <section class="place-talk" aria-labelledby="activiteiten">
            <h2 id="activiteiten">{t.place_activities_heading}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    list.await.ok().map(|list| view! {
                        <crate::components::occurrence::OccurrencesByDay occurrences=list.occurrences level=3/>
                    })
                })}
            </Suspense>
            <ul class="link-list">
                <li><a href=format!("/plekken/{slug}/agenda.ics")>{t.place_calendar_link}</a></li>
                <li><a href=format!("/plekken/{slug}/week")>{t.place_print_link}</a></li>
            </ul>
        </section>
    }
}
