use crate::api::activities::{neighbourhood_week, place_week, PrintWeek};
use crate::components::{
    error_page::ErrorPage,
    occurrence::{cost_text, day_label},
};
use crate::i18n::{fill, use_texts};
use crate::islands::print_button::PrintButton;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// A place's week on one A4 sheet for the noticeboard: large type, a QR code to the page.
#[component]
pub fn PlaceWeekPage() -> impl IntoView {
    let params = use_params_map();
    let week = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        place_week,
    );
    view! { <WeekSheet week/> }
}

/// The same sheet for a whole neighbourhood.
#[component]
pub fn NeighbourhoodWeekPage() -> impl IntoView {
    let params = use_params_map();
    let week = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        neighbourhood_week,
    );
    view! { <WeekSheet week/> }
}

#[component]
fn WeekSheet(week: Resource<Result<PrintWeek, crate::error::AppError>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match week.await {
                    Ok(week) => Either::Left(view! {
                        <Title text=fill(t.print_title, &[("place", &week.title)])/>
                        <article class="print-week">
                            <p class="no-print">
                                <PrintButton>{t.print_button}</PrintButton>
                                <span class="without-js">{t.print_hint}</span>
                            </p>
                            <h1>{fill(t.print_title, &[("place", &week.title)])}</h1>
                            {if week.occurrences.is_empty() {
                                Either::Left(view! { <p>{t.activities_none_planned}</p> })
                            } else {
                                Either::Right(view! {
                                    <ul class="print-week__list">
                                        {week.occurrences.iter().map(|o| view! {
                                            <li>
                                                <strong>{day_label(t, o)} " " {o.start.clone()} "–" {o.end.clone()}</strong>
                                                " " {o.title.clone()} " · " {cost_text(t, o.cost_cents)}
                                                <br/>
                                                // An online activity is not in the building: the
                                                // sheet says where to join, to type over.
                                                {match &o.online_url {
                                                    Some(url) => fill(t.print_online, &[("url", url), ("place", &o.place_name)]),
                                                    None => o.place_name.clone(),
                                                }}
                                                {(!o.welcomer.is_empty()).then(|| view! {
                                                    " · " {fill(t.print_welcomer, &[("name", &o.welcomer)])}
                                                })}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                })
                            }}
                            <div class="print-week__qr">
                                <div role="img" aria-label=t.print_qr_label inner_html=week.qr_svg.clone()></div>
                                <p>{t.print_more} <br/> {week.url.clone()}</p>
                            </div>
                        </article>
                    }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Suspense>
    }
}
