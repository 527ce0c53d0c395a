use crate::api::places::get_place;
use crate::components::{
    error_page::ErrorPage, feature_list::FeatureList, open_badge::OpenBadge,
    place_discussion::PlaceDiscussionSection,
};
use crate::i18n::{fill, use_texts};
use crate::model::{hours::format_minute, OpeningPeriod, PlaceDetail};
use leptos::{either::Either, prelude::*};
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn PlaceDetailPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let place = Resource::new(slug, get_place);

    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match place.await {
                    Ok(place) => Either::Left(view! { <PlaceView place/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlaceView(place: PlaceDetail) -> impl IntoView {
    let t = use_texts();
    let summary = place.summary.clone();
    let map_link = fill(t.place_map_link, &[("name", &summary.name)]);
    let osm = place.osm_url();
    let meta = place.description.chars().take(160).collect::<String>();
    view! {
        <Title text=summary.name.clone()/>
        <Meta name="description" content=meta/>
        <article class="place">
            <header class="place__header">
                <p class="place__kind">{summary.kind.label(t)}</p>
                <h1>{summary.name.clone()}</h1>
                <p class="place__neighbourhood">
                    {fill(t.place_in_neighbourhood, &[("name", &summary.neighbourhood_name)])}
                </p>
                <OpenBadge status=summary.status/>
            </header>
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
                    <p><a href=osm rel="external">{map_link}</a></p>
                </section>
            </div>
            <PlaceDiscussionSection slug=summary.slug.clone()/>
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
