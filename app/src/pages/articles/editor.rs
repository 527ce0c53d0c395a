use crate::api::articles::get_article_draft;
use crate::components::{error_page::Loaded, form::Field, form::FormMessage};
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::model::article::{ArticleDraft, ALT_MAX, BODY_MAX, LEAD_MAX, TITLE_MAX};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Writing a new article (`/artikelen/nieuw`) or changing one (`/artikelen/{slug}/bewerken`):
/// a plain multipart form, so a cover can be uploaded without JavaScript.
#[component]
pub fn ArticleEditorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let which = move || (params.read().get("slug"), query.read().get("fout"));
    let draft = Resource::new(which, |(slug, fout)| get_article_draft(slug, fout));
    view! {
        <Loaded data=draft view=|(draft, error)| view! { <EditorForm draft error/> }/>
    }
}

#[component]
fn EditorForm(draft: ArticleDraft, error: Option<AppError>) -> impl IntoView {
    let t = use_texts();
    let error = Signal::stored(error);
    let title = if draft.id.is_some() {
        t.articles_edit
    } else {
        t.article_editor_new_title
    };
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="lead">{t.article_editor_intro}</p>
        <form method="post" action="/redactie/artikel" enctype="multipart/form-data" class="stack-form">
            <FormMessage error/>
            <input type="hidden" name="id" value=draft.id.map(|id| id.to_string()).unwrap_or_default()/>
            <input type="hidden" name="slug" value=draft.slug.clone()/>
            <Field form="artikel" name="title" label=t.article_editor_title error maxlength=TITLE_MAX
                value=draft.title.clone()/>
            <Field form="artikel" name="lead" label=t.article_editor_lead error maxlength=LEAD_MAX
                multiline=true value=draft.lead.clone()/>
            <Field form="artikel" name="body" label=t.article_editor_body hint=t.article_editor_body_hint error
                maxlength=BODY_MAX multiline=true value=draft.body.clone()/>
            <Field form="artikel" name="tags" label=t.article_editor_tags hint=t.article_editor_tags_hint error
                required=false value=draft.tags.clone()/>
            <Field form="artikel" name="places" label=t.article_editor_places hint=t.article_editor_places_hint
                error required=false value=draft.places.clone()/>
            <Field form="artikel" name="neighbourhoods" label=t.article_editor_neighbourhoods
                hint=t.article_editor_neighbourhoods_hint error required=false value=draft.neighbourhoods.clone()/>
            <Field form="artikel" name="cover" kind="file" label=t.article_editor_cover
                hint=if draft.has_cover { t.article_editor_cover_keep } else { t.article_editor_cover_hint }
                error required=false/>
            <Field form="artikel" name="cover_alt" label=t.article_editor_cover_alt hint=t.article_editor_cover_alt_hint
                error required=false maxlength=ALT_MAX value=draft.cover_alt.clone()/>
            <Field form="artikel" name="publish_at" kind="datetime-local" label=t.article_editor_publish_at
                hint=t.article_editor_publish_at_hint error required=false value=draft.publish_at.clone()/>
            <div class="article-editor__buttons">
                <button type="submit" name="action" value="concept" class="button button--quiet">
                    {t.article_editor_save_draft}
                </button>
                <button type="submit" name="action" value="publiceer" class="button">{t.article_editor_publish}</button>
            </div>
        </form>
    }
}
