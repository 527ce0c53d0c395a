use crate::api::activities::{
    activity_editor, DuplicateActivity, MoveOccurrence, RestoreOccurrence, UpdateActivity,
};
use crate::components::{
    activity_form::ActivityFields,
    error_page::Loaded,
    form::{action_error, Field, FormMessage},
    occurrence::rhythm,
};
use crate::error::AppError;
use crate::i18n::{fill, use_texts, Texts};
use crate::model::activity::{ActivityEditor, CancelScope, DateState, RepeatKind, SeriesDate};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[derive(Clone, Copy)]
struct EditorActions {
    update: ServerAction<UpdateActivity>,
    moved: ServerAction<MoveOccurrence>,
    restore: ServerAction<RestoreOccurrence>,
    duplicate: ServerAction<DuplicateActivity>,
}

/// "dinsdag 8 december" for a `YYYY-MM-DD` date.
fn date_label(t: &Texts, iso: &str, weekday: u8) -> String {
    crate::components::occurrence::day_words(t, iso, weekday)
}

/// One activity for its host: change it, copy it, and cancel, move or restore its dates.
#[component]
pub fn ActivityEditorPage() -> impl IntoView {
    let params = use_params_map();
    let actions = EditorActions {
        update: ServerAction::new(),
        moved: ServerAction::new(),
        restore: ServerAction::new(),
        duplicate: ServerAction::new(),
    };
    provide_context(actions);
    let editor = Resource::new(
        move || {
            (
                params
                    .read()
                    .get("id")
                    .and_then(|id| id.parse::<i64>().ok()),
                actions.update.version().get()
                    + actions.moved.version().get()
                    + actions.restore.version().get(),
            )
        },
        |(id, _)| async move {
            match id {
                Some(id) => activity_editor(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded data=editor view=|editor| view! { <EditorBody editor/> }/>
    }
}

#[component]
fn EditorBody(editor: ActivityEditor) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<EditorActions>();
    let query = use_query_map();
    let flag = move |name: &'static str| query.read().get(name).is_some();
    let update_error = action_error(actions.update);
    let id = editor.id;
    let title = editor.form.title.clone();
    let movable: Vec<SeriesDate> = editor
        .dates
        .iter()
        .filter(|d| d.state != DateState::Cancelled)
        .cloned()
        .collect();
    let first_date = editor
        .dates
        .first()
        .map(|d| d.original.clone())
        .unwrap_or_default();
    let move_date = first_date.clone();
    let repeat = RepeatKind::from_slug(&editor.form.repeat).unwrap_or(RepeatKind::Once);
    // The first date that still takes place names the activity on the confirmation page.
    let cancel_all = editor
        .dates
        .iter()
        .find(|d| d.state != DateState::Cancelled)
        .filter(|_| !editor.cancelled && CancelScope::offers_all(repeat))
        .map(|d| {
            (
                format!(
                    "/activiteiten/{id}/{}/afzeggen?alles=1&terug=bewerken",
                    d.original
                ),
                fill(
                    t.activity_cancel_all,
                    &[("rhythm", rhythm(t, repeat).unwrap_or_default())],
                ),
            )
        });
    let move_start = editor.form.start.clone();
    view! {
        <Title text=fill(t.editor_title, &[("title", &title)])/>
        <p class="place__kind"><a href="/beheer">{t.manage_title}</a> " · "
            <a href=format!("/plekken/{}", editor.place_slug)>{editor.place_name.clone()}</a></p>
        <h1>{fill(t.editor_title, &[("title", &title)])}</h1>
        {move || flag("opgeslagen").then(|| view! { <p class="notice" role="status">{t.editor_saved}</p> })}
        {move || flag("kopie").then(|| view! { <p class="notice" role="status">{t.editor_copy}</p> })}
        {editor.cancelled.then(|| view! { <p class="form-summary" role="status">{t.editor_cancelled}</p> })}
        <section aria-labelledby="gegevens">
            <h2 id="gegevens">{t.editor_details_heading}</h2>
            <ActionForm action=actions.update attr:class="stack-form">
                <FormMessage error=update_error/>
                <input type="hidden" name="activity" value=id/>
                <ActivityFields error=update_error values=editor.form.clone()
                    choices=editor.choices.clone()/>
                <button type="submit" class="button">{t.editor_save}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="datums">
            <h2 id="datums">{t.editor_dates_heading}</h2>
            <FormMessage error=action_error(actions.restore)/>
            {if editor.dates.is_empty() {
                Either::Left(view! { <p class="empty">{t.editor_no_dates}</p> })
            } else {
                Either::Right(view! {
                    <ul class="series-list">
                        {editor.dates.iter().map(|d| view! { <DateRow id date=d.clone()/> }).collect_view()}
                    </ul>
                })
            }}
        </section>
        {(!movable.is_empty()).then(|| view! {
            <section aria-labelledby="verplaatsen">
                <h2 id="verplaatsen">{t.editor_move_heading}</h2>
                <p>{t.editor_move_intro}</p>
                <ActionForm action=actions.moved attr:class="stack-form">
                    <FormMessage error=action_error(actions.moved)/>
                    <input type="hidden" name="activity" value=id/>
                    <div class="field">
                        <label for="verplaatsen-date">{t.editor_move_which}</label>
                        <select id="verplaatsen-date" name="date">
                            {movable.iter().map(|d| view! {
                                <option value=d.original.clone()>{date_label(t, &d.original, d.weekday)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Field form="verplaatsen" name="new_date" label=t.editor_move_date kind="date"
                        error=action_error(actions.moved) value=move_date.clone()/>
                    <Field form="verplaatsen" name="new_start" label=t.editor_move_start kind="time"
                        error=action_error(actions.moved) value=move_start.clone()/>
                    <button type="submit" class="button">{t.editor_move_submit}</button>
                </ActionForm>
            </section>
        })}
        <section aria-labelledby="meer">
            <h2 id="meer">{t.editor_more_heading}</h2>
            <FormMessage error=action_error(actions.duplicate)/>
            <ActionForm action=actions.duplicate attr:class="inline-form">
                <input type="hidden" name="activity" value=id/>
                <button type="submit" class="button button--quiet">{t.activity_duplicate}</button>
            </ActionForm>
            " "
            // Every date at once: only for an activity that repeats, and asked first.
            {cancel_all.map(|(href, label)| view! {
                <a href=href class="button button--quiet">{label}</a>
            })}
        </section>
    }
}

/// One date of the series: as planned (cancel it), or cancelled or moved (undo that).
#[component]
fn DateRow(id: i64, date: SeriesDate) -> impl IntoView {
    let t = use_texts();
    let actions = expect_context::<EditorActions>();
    let label = date_label(t, &date.original, date.weekday);
    let (state, undo) = match &date.state {
        DateState::AsPlanned => (None, false),
        DateState::Cancelled => (Some(t.editor_date_cancelled.to_string()), true),
        DateState::Moved {
            date: to,
            weekday,
            start,
        } => (
            Some(fill(
                t.editor_date_moved,
                &[("date", &date_label(t, to, *weekday)), ("start", start)],
            )),
            true,
        ),
    };
    let page = format!("/activiteiten/{id}/{}", date.original);
    let confirm = format!("{page}/afzeggen?terug=bewerken");
    let button_label = fill(t.editor_cancel_date_label, &[("date", &label)]);
    let restore_label = fill(t.editor_restore_date_label, &[("date", &label)]);
    view! {
        <li class="series-list__item">
            <span>
                {if state.is_none() {
                    Either::Left(view! { <a href=page>{label.clone()}</a> })
                } else {
                    Either::Right(view! { <span>{label.clone()}</span> })
                }}
                {state.map(|s| view! { <span class="series-list__meta">{s}</span> })}
            </span>
            {if undo {
                Either::Left(view! {
                    <ActionForm action=actions.restore attr:class="inline-form">
                        <input type="hidden" name="activity" value=id/>
                        <input type="hidden" name="date" value=date.original.clone()/>
                        <button type="submit" class="button button--quiet" aria-label=restore_label>{t.editor_restore_date}</button>
                    </ActionForm>
                })
            } else {
                // Asked first, on a page that says who joined and will be told.
                Either::Right(view! {
                    <a href=confirm class="button button--quiet" aria-label=button_label>{t.editor_cancel_date}</a>
                })
            }}
        </li>
    }
}
