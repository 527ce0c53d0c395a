use crate::api::activities::{cancel_preview, CancelActivity};
use crate::components::{
    error_page::Loaded,
    form::{action_error, FormMessage},
    occurrence::{day_words, rhythm, use_occurrence_key},
};
use crate::error::AppError;
use crate::i18n::{fill, use_texts};
use crate::model::activity::{CancelPreview, CancelScope};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Before a host cancels: what will not take place (this date, or every date from it on)
/// and how many residents joined and will be told; then one button that posts the
/// cancellation, and a way back. A plain page, so it asks first without JavaScript too.
///
/// `?alles=1` asks about every date; `?terug=bewerken` goes back to the activity's editor.
#[component]
pub fn CancelPage() -> impl IntoView {
    let key = use_occurrence_key();
    let query = use_query_map();
    let whole = move || query.read().get("alles").is_some_and(|v| v == "1");
    let preview = Resource::new(
        move || (key(), whole()),
        |((id, date), whole)| async move {
            match id {
                Some(id) => cancel_preview(id, date, whole).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Loaded data=preview view=|preview| view! { <CancelConfirm preview/> }/>
    }
}

#[component]
fn CancelConfirm(preview: CancelPreview) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let to_editor = query
        .read_untracked()
        .get("terug")
        .is_some_and(|v| v == "bewerken");
    let cancel = ServerAction::<CancelActivity>::new();
    let p = preview;
    let all = p.scope == CancelScope::All;
    let heading = if all {
        t.cancel_title_all
    } else {
        t.cancel_title_one
    };
    let date = day_words(t, &p.date, p.weekday);
    let what = if all {
        let when = fill(
            t.cancel_series_when,
            &[
                ("rhythm", rhythm(t, p.repeat).unwrap_or_default()),
                ("day", t.weekday(p.series_weekday)),
                ("start", &p.series_start),
            ],
        );
        fill(
            t.cancel_what_all,
            &[
                ("title", &p.title),
                ("place", &p.place_name),
                ("when", &when),
                ("date", &date),
            ],
        )
    } else {
        fill(
            t.cancel_what_one,
            &[
                ("title", &p.title),
                ("place", &p.place_name),
                ("date", &date),
                ("start", &p.start),
                ("end", &p.end),
            ],
        )
    };
    let residents = if p.residents == 0 {
        t.cancel_residents_none.to_string()
    } else {
        t.cancel_residents.of(p.residents)
    };
    let back = if to_editor {
        format!("/beheer/activiteit/{}", p.activity_id)
    } else {
        format!("/activiteiten/{}/{}", p.activity_id, p.original_date)
    };
    view! {
        <Title text=heading/>
        <p class="place__kind">
            <a href=format!("/plekken/{}", p.place_slug)>{p.place_name.clone()}</a>
        </p>
        <h1>{heading}</h1>
        <section class="card confirm" aria-labelledby="afzeggen-wat">
            <h2 id="afzeggen-wat" class="visually-hidden">{t.cancel_what_heading}</h2>
            <p class="confirm__what">{what}</p>
            <p class="confirm__who">{residents}</p>
            {(p.mail && p.residents > 0).then(|| view! { <p>{t.cancel_residents_mail}</p> })}
            <ActionForm action=cancel attr:class="confirm__form">
                <FormMessage error=action_error(cancel)/>
                <input type="hidden" name="activity" value=p.activity_id/>
                <input type="hidden" name="date" value=p.original_date.clone()/>
                {all.then(|| view! { <input type="hidden" name="whole" value="true"/> })}
                {to_editor.then(|| view! { <input type="hidden" name="editor" value="true"/> })}
                <p class="button-row">
                    <button type="submit" class="button button--danger">
                        {if all { t.cancel_confirm_all } else { t.cancel_confirm_one }}
                    </button>
                    <a href=back class="button button--quiet">{t.cancel_keep}</a>
                </p>
            </ActionForm>
        </section>
    }
}
