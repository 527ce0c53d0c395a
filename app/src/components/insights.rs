//! The pieces of the insights pages: the period form, the chart and the tables. Every count
//! passes the privacy rule (`model::insights::shown`) before it is drawn or written.

use crate::components::form::Field;
use crate::error::AppError;
use crate::i18n::{fill, use_texts, Texts};
use crate::model::form::FormErrors;
use crate::model::insights::{shown, Counts, Period, Week, MAX_WEEKS};
use leptos::prelude::*;

/// The column headings of a counts table, after its first column.
pub fn count_headings(t: &Texts) -> [&'static str; 7] {
    [
        t.insights_col_visits,
        t.insights_col_first,
        t.insights_col_returning,
        t.insights_col_invited,
        t.insights_col_full,
        t.insights_col_waiting,
        t.insights_col_cancelled,
    ]
}

/// A GET form for the period: how many weeks, up to which day. What was wrong shows beside
/// its field, and the page uses the default instead.
#[component]
pub fn PeriodForm(action: String, period: Period, errors: FormErrors) -> impl IntoView {
    let t = use_texts();
    #[cfg(feature = "ssr")]
    if !errors.is_empty() {
        crate::state::set_status(400);
    }
    let error = Signal::stored((!errors.is_empty()).then_some(AppError::Invalid(errors)));
    let first = period.first_day.clone();
    let last = period.last_day.clone();
    view! {
        <form method="get" action=action class="filters" aria-labelledby="periode-kop">
            <h2 id="periode-kop" class="visually-hidden">{t.insights_period_legend}</h2>
            <Field form="periode" name="weken" label=t.insights_weeks_label error kind="number"
                required=false value=period.weeks.to_string()
                hint=fill(t.insights_weeks_hint, &[("max", &MAX_WEEKS.to_string())])/>
            <Field form="periode" name="tot" label=t.insights_until_label error kind="date"
                required=false value=period.until.clone()/>
            <div class="field">
                <button type="submit" class="button">{t.insights_show}</button>
            </div>
        </form>
        <p>{fill(t.insights_period_text, &[("from", &first), ("to", &last), ("weeks", &period.weeks.to_string())])}</p>
    }
}

/// Stacked bars per week, first visits under returning ones, drawn on the server. The table
/// beside it holds the same figures for whoever cannot see the picture.
#[component]
pub fn VisitsChart(weeks: Vec<Week>, table_id: &'static str) -> impl IntoView {
    let t = use_texts();
    const BAR: u32 = 24;
    const GAP: u32 = 8;
    const HEIGHT: u32 = 160;
    const LEFT: u32 = 36;
    const BOTTOM: u32 = 20;
    let stacks: Vec<(String, u32, u32)> = weeks
        .iter()
        .map(|w| {
            (
                w.monday.clone(),
                shown(w.counts.first_visits).chart_value(),
                shown(w.counts.returning()).chart_value(),
            )
        })
        .collect();
    let top = stacks
        .iter()
        .map(|(_, f, r)| f + r)
        .max()
        .unwrap_or(0)
        .max(5);
    let scale = |n: u32| n * HEIGHT / top;
    let count = u32::try_from(stacks.len()).unwrap_or(0);
    let width = LEFT + count * (BAR + GAP) + GAP;
    let bars = stacks
        .into_iter()
        .zip(0u32..)
        .map(|((monday, first, returning), i)| {
            let x = LEFT + GAP + i * (BAR + GAP);
            let first_h = scale(first);
            let returning_h = scale(returning);
            let label = monday.get(5..).unwrap_or_default().to_string();
            view! {
                <g>
                    <rect class="chart__first" x=x y=HEIGHT - first_h width=BAR height=first_h/>
                    <rect class="chart__returning" x=x y=HEIGHT - first_h - returning_h width=BAR height=returning_h/>
                    <text class="chart__label" x=x + BAR / 2 y=HEIGHT + 14 text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <figcaption>{t.insights_chart_caption}</figcaption>
            <svg viewBox=format!("0 0 {width} {}", HEIGHT + BOTTOM) role="img"
                aria-label=t.insights_chart_label aria-describedby=table_id
                preserveAspectRatio="xMinYMin meet">
                <line class="chart__axis" x1=LEFT y1=HEIGHT x2=width y2=HEIGHT/>
                <text class="chart__label" x=LEFT - 4 y=12 text-anchor="end">{top.to_string()}</text>
                <text class="chart__label" x=LEFT - 4 y=HEIGHT text-anchor="end">"0"</text>
                {bars}
            </svg>
            <ul class="chart__legend">
                <li><span class="chart__key chart__first-key" aria-hidden="true"></span>{t.insights_col_first}</li>
                <li><span class="chart__key chart__returning-key" aria-hidden="true"></span>{t.insights_col_returning}</li>
            </ul>
        </figure>
    }
}

/// A table of counts: one row per label, the counts as they may be shown, a total row.
#[component]
pub fn CountsTable(
    #[prop(optional)] id: Option<&'static str>,
    caption: String,
    first_heading: &'static str,
    rows: Vec<(String, Counts)>,
    total: Counts,
    /// Where the same table downloads as CSV.
    csv: String,
) -> impl IntoView {
    let t = use_texts();
    let label = caption.clone();
    view! {
        // Wider than a phone: a region that scrolls sideways, reachable by keyboard.
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="insights" id=id>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first_heading}</th>
                        {count_headings(t).map(|h| view! { <th scope="col">{h}</th> }).to_vec()}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, counts)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {counts.cells().map(|c| view! { <td>{c}</td> }).to_vec()}
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t.insights_total}</th>
                        {total.cells().map(|c| view! { <td>{c}</td> }).to_vec()}
                    </tr>
                </tfoot>
            </table>
        </div>
        <p><a href=csv download="">{t.insights_download}</a></p>
    }
}

/// How the figures are counted, in plain words.
#[component]
pub fn HowCounted() -> impl IntoView {
    let t = use_texts();
    view! {
        <details class="how-counted">
            <summary>{t.insights_how_heading}</summary>
            <ul>
                <li>{t.insights_how_visits}</li>
                <li>{t.insights_how_first}</li>
                <li>{t.insights_how_invited}</li>
                <li>{t.insights_how_waiting}</li>
                <li>{t.insights_how_privacy}</li>
            </ul>
        </details>
    }
}
