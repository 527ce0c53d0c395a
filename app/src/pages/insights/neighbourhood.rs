use super::use_insights_key;
use crate::api::insights::{load_neighbourhood_insights, WithPeriod};
use crate::components::error_page::Loaded;
use crate::components::insights::{count_headings, HowCounted, PeriodForm};
use crate::i18n::{fill, use_texts};
use crate::model::insights::{share, NeighbourhoodInsights};
use leptos::prelude::*;
use leptos_meta::Title;

/// A neighbourhood's places side by side over a period: totals, the share of first visits
/// and of visits through an invite, and the pressure on waiting lists.
#[component]
pub fn NeighbourhoodInsightsPage() -> impl IntoView {
    let key = use_insights_key();
    let data = Resource::new(
        move || key.get(),
        |(slug, weken, tot)| load_neighbourhood_insights(slug, weken, tot),
    );
    view! { <Loaded data view=|found| view! { <NeighbourhoodInsightsBody found/> }/> }
}

fn percent(value: Option<u32>) -> String {
    value.map_or_else(|| "–".to_string(), |p| format!("{p}%"))
}

#[component]
fn NeighbourhoodInsightsBody(found: WithPeriod<NeighbourhoodInsights>) -> impl IntoView {
    let t = use_texts();
    let WithPeriod { insights, errors } = found;
    let title = fill(
        t.insights_neighbourhood_title,
        &[("neighbourhood", &insights.name)],
    );
    let base = format!("/inzichten/buurten/{}", insights.slug);
    let query = insights.period.query();
    let host_view = insights.places.iter().any(|p| p.slug.is_none());
    let row = |name: AnyView, counts: crate::model::insights::Counts| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                {counts.cells().map(|c| view! { <td>{c}</td> }).to_vec()}
                <td>{percent(share(counts.first_visits, counts.visits))}</td>
                <td>{percent(share(counts.invited, counts.visits))}</td>
            </tr>
        }
    };
    let rows = insights
        .places
        .iter()
        .map(|p| {
            let name = match &p.slug {
                Some(slug) => view! {
                    <a href=format!("/inzichten/plekken/{slug}?{query}")>{p.name.clone()}</a>
                }
                .into_any(),
                None => view! { {t.insights_other_places} }.into_any(),
            };
            row(name, p.counts)
        })
        .collect_view();
    let total = row(view! { {t.insights_total} }.into_any(), insights.total);
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <PeriodForm action=base.clone() period=insights.period.clone() errors/>
        {host_view.then(|| view! { <p class="notice">{t.insights_host_note}</p> })}
        <HowCounted/>
        <section aria-labelledby="naast-elkaar">
            <h2 id="naast-elkaar">{t.insights_compare_heading}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label=t.insights_compare_caption>
                <table class="insights" id="tabel-plekken">
                    <caption>{t.insights_compare_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.insights_col_place}</th>
                            {count_headings(t).map(|h| view! { <th scope="col">{h}</th> }).to_vec()}
                            <th scope="col">{t.insights_col_first_share}</th>
                            <th scope="col">{t.insights_col_invite_share}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </div>
            <p><a href=format!("{base}/plekken.csv?{query}") download="">{t.insights_download}</a></p>
        </section>
    }
}
