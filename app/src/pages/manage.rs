use crate::api::buddies::open_requests;
use crate::api::manage::{manage_overview, ManageView};
use crate::api::{
    activities::{CreateActivity, DuplicateActivity},
    places::SwitchLight,
};
use crate::components::{
    activity_form::ActivityFields,
    buddy::OpenRequests,
    error_page::Loaded,
    form::{action_error, FormMessage},
    occurrence::OccurrencesByDay,
};
use crate::i18n::{fill, use_texts, Texts};
use crate::model::activity::{RepeatKind, SeriesSummary};
use crate::model::buddy::OpenDate;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// How a series runs, in words: "every Tuesday, 19:30".
pub fn series_when(t: &Texts, s: &SeriesSummary) -> String {
    let day = t.weekday(s.weekday);
    let template = match s.repeat {
        RepeatKind::Once => {
            let mut parts = s.first_date.split('-').skip(1);
            let month: u8 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
            let date: u8 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(1);
            return format!("{day} {date} {}, {}", t.month(month), s.start);
        }
        RepeatKind::Weekly => t.series_weekly,
        RepeatKind::Fortnightly => t.series_fortnightly,
        RepeatKind::Monthly => t.series_monthly,
    };
    fill(template, &[("day", day), ("start", &s.start)])
}

/// A host's own page: their places, their activities, what is coming, and a new activity.
#[component]
pub fn ManagePage() -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreateActivity>::new();
    let duplicate = ServerAction::<DuplicateActivity>::new();
    let switch = ServerAction::<SwitchLight>::new();
    provide_context((create, duplicate));
    let overview = Resource::new(
        move || {
            (
                create.version().get(),
                duplicate.version().get(),
                switch.version().get(),
            )
        },
        |_| manage_overview(),
    );
    let open = Resource::new(|| (), |_| open_requests());
    provide_context(open);
    view! {
        <Title text=t.manage_title/>
        <Loaded data=overview view=|view| view! { <ManageBody view/> }/>
    }
}

#[component]
fn ManageBody(view: ManageView) -> impl IntoView {
    let t = use_texts();
    let (create, duplicate) = expect_context::<(
        ServerAction<CreateActivity>,
        ServerAction<DuplicateActivity>,
    )>();
    let error = action_error(create);
    let open = expect_context::<Resource<Result<Vec<OpenDate>, crate::error::AppError>>>();
    let query = use_query_map();
    let created = move || {
        query
            .read()
            .get("nieuw")
            .and_then(|id| id.parse::<i64>().ok())
    };
    // Shown at once while the server stores it; the list below catches up when it has.
    let saving = move || {
        create.pending().get().then(|| {
            let title = create
                .input()
                .read()
                .as_ref()
                .map(|input| input.form.title.clone())
                .unwrap_or_default();
            view! { <p class="notice" role="status">{fill(t.activity_saving, &[("title", &title)])}</p> }
        })
    };
    let places = view.places.clone();
    let series = view.series.clone();
    view! {
        <h1>{t.manage_title}</h1>
        <p class="lead">{t.manage_intro}</p>
        {move || created().map(|id| view! {
            <p class="notice" role="status">
                {t.activity_created} " "
                <a href=format!("/beheer/activiteit/{id}")>{t.activity_edit_link}</a>
            </p>
        })}
        <section aria-labelledby="mijn-plekken">
            <h2 id="mijn-plekken">{t.manage_places_heading}</h2>
            <ul class="link-list">
                {view.places.iter().map(|p| view! {
                    <li><a href=format!("/plekken/{}", p.slug)>{p.name.clone()}</a></li>
                }).collect_view()}
            </ul>
            <p><a href="/inzichten">{t.manage_insights_link}</a></p>
        </section>
        <section aria-labelledby="mijn-activiteiten">
            <h2 id="mijn-activiteiten">{t.manage_series_heading}</h2>
            <FormMessage error=action_error(duplicate)/>
            {if series.is_empty() {
                Either::Left(view! { <p class="empty">{t.manage_series_none}</p> })
            } else {
                Either::Right(view! {
                    <ul class="series-list">
                        {series.into_iter().map(|s| {
                            let when = series_when(t, &s);
                            view! {
                                <li class="series-list__item">
                                    <span>
                                        <a href=format!("/beheer/activiteit/{}", s.id)>{s.title.clone()}</a>
                                        <span class="series-list__meta">{s.place_name.clone()} " · " {when}</span>
                                    </span>
                                    <ActionForm action=duplicate attr:class="inline-form">
                                        <input type="hidden" name="activity" value=s.id/>
                                        <button type="submit" class="button button--quiet"
                                            aria-label=fill(t.activity_duplicate_label, &[("title", &s.title)])>
                                            {t.activity_duplicate}
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
        <Suspense>
            {move || Suspend::new(async move {
                match open.await {
                    Ok(dates) => Either::Left(view! { <OpenRequests dates/> }),
                    Err(error) => Either::Right(view! { <FormMessage error=Signal::stored(Some(error))/> }),
                }
            })}
        </Suspense>
        <section aria-labelledby="komt-eraan">
            <h2 id="komt-eraan">{t.manage_coming_heading}</h2>
            {saving}
            <OccurrencesByDay occurrences=view.occurrences.clone() level=3/>
        </section>
        <section aria-labelledby="nieuwe-activiteit">
            <h2 id="nieuwe-activiteit">{t.activity_new_heading}</h2>
            <ActionForm action=create attr:class="stack-form">
                <FormMessage error/>
                <div class="field">
                    <label for="activiteit-place">{t.activity_place_label}</label>
                    <select id="activiteit-place" name="place">
                        {places.into_iter().map(|p| view! { <option value=p.id>{p.name}</option> }).collect_view()}
                    </select>
                </div>
                <ActivityFields error choices=view.choices.clone()/>
                <button type="submit" class="button">{t.activity_create_submit}</button>
            </ActionForm>
        </section>
    }
}
