use super::use_insights_key;
use crate::api::insights::{load_place_insights, WithPeriod};
use crate::components::error_page::Loaded;
use crate::components::insights::{CountsTable, HowCounted, PeriodForm, VisitsChart};
use crate::i18n::{fill, use_texts};
use crate::model::insights::PlaceInsights;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// One place, week by week: all its activities together in a chart and a table, then each
/// activity on its own; every table also as a CSV file.
#[component]
pub fn PlaceInsightsPage() -> impl IntoView {
    let key = use_insights_key();
    let data = Resource::new(
        move || key.get(),
        |(slug, weken, tot)| load_place_insights(slug, weken, tot),
    );
    view! { <Loaded data view=|found| view! { <PlaceInsightsBody found/> }/> }
}

#[component]
fn PlaceInsightsBody(found: WithPeriod<PlaceInsights>) -> impl IntoView {
    let t = use_texts();
    let WithPeriod { insights, errors } = found;
    let place = insights.place.clone();
    let title = fill(t.insights_place_title, &[("place", &place.name)]);
    let base = format!("/inzichten/plekken/{}", place.slug);
    let query = insights.period.query();
    let weeks = insights.weeks.clone();
    let rows: Vec<_> = weeks.iter().map(|w| (w.monday.clone(), w.counts)).collect();
    let activities = insights.activities.clone();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p>
            <a href=format!("/plekken/{}", place.slug)>{place.name.clone()}</a>
            " · "
            <a href=format!("/inzichten/buurten/{}?{query}", place.neighbourhood_slug)>
                {fill(t.insights_compare_link, &[("neighbourhood", &place.neighbourhood_name)])}
            </a>
        </p>
        <PeriodForm action=base.clone() period=insights.period.clone() errors/>
        <HowCounted/>
        <section aria-labelledby="per-week">
            <h2 id="per-week">{t.insights_weeks_heading}</h2>
            <VisitsChart weeks table_id="tabel-weken"/>
            <CountsTable id="tabel-weken" caption=t.insights_weeks_caption.to_string()
                first_heading=t.insights_col_week rows total=insights.total
                csv=format!("{base}/weken.csv?{query}")/>
        </section>
        <section aria-labelledby="per-activiteit">
            <h2 id="per-activiteit">{t.insights_activities_heading}</h2>
            {if activities.is_empty() {
                Either::Left(view! { <p class="empty">{t.insights_activities_none}</p> })
            } else {
                Either::Right(view! {
                    {activities.into_iter().map(|a| {
                        let rows = a.weeks.iter().map(|w| (w.monday.clone(), w.counts)).collect();
                        view! {
                            <h3>{a.title.clone()}</h3>
                            <CountsTable caption=a.title.clone() first_heading=t.insights_col_week
                                rows total=a.total csv=format!("{base}/activiteiten.csv?{query}")/>
                        }
                    }).collect_view()}
                })
            }}
        </section>
    }
}
