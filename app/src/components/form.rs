//! Form pieces for server actions: a field with its message beside it, and the message for
//! the form as a whole. Errors come from the action's value: with JavaScript straight from
//! the server function, without it from the URL the server redirected back to.

use crate::error::AppError;
use crate::i18n::{fill, use_texts, ProblemTexts, Texts};
use crate::model::form::Problem;
use leptos::prelude::*;

/// The words for a problem with a field.
pub fn problem_text(t: &Texts, field: &str, problem: Problem) -> String {
    match problem {
        Problem::BadCharacters if field == "website" => t.antispam_honeypot_filled.into(),
        problem => problem_message(&t.problems(), field, problem),
    }
}

/// The words for a problem with a field, from the problem texts alone: what an island that
/// checks a form as it is typed carries to the browser.
pub fn problem_message(t: &ProblemTexts, field: &str, problem: Problem) -> String {
    match problem {
        Problem::Required => t.problem_required().to_string(),
        Problem::TooShort { min } => fill(t.problem_too_short(), &[("min", &min.to_string())]),
        Problem::TooLong { max } => fill(t.problem_too_long(), &[("max", &max.to_string())]),
        Problem::BadCharacters if field == "username" => {
            t.problem_username_characters().to_string()
        }
        Problem::BadCharacters => t.problem_bad_characters().to_string(),
        Problem::BadEmail => t.problem_bad_email().to_string(),
        Problem::Taken => t.problem_taken().to_string(),
        Problem::Mismatch => t.problem_mismatch().to_string(),
        Problem::WrongPassword if field == "current" => {
            t.problem_wrong_current_password().to_string()
        }
        Problem::WrongPassword => t.problem_wrong_password().to_string(),
        Problem::WrongAnswer => t.problem_wrong_answer().to_string(),
        Problem::TooFast => t.problem_too_fast().to_string(),
        Problem::Expired => t.problem_expired().to_string(),
        Problem::UnknownCode => t.problem_unknown_code().to_string(),
        Problem::InviteUsedUp => t.problem_invite_used_up().to_string(),
        Problem::InviteExpired => t.problem_invite_expired().to_string(),
        Problem::UnknownUser => t.problem_unknown_user().to_string(),
        Problem::UnknownActivity => t.problem_unknown_activity().to_string(),
        Problem::UnknownNeighbourhood => t.problem_unknown_neighbourhood().to_string(),
        Problem::BadDate => t.problem_bad_date().to_string(),
        Problem::BadTime => t.problem_bad_time().to_string(),
        Problem::EndBeforeStart if field == "until" => t.problem_until_before_start().to_string(),
        Problem::EndBeforeStart => t.problem_end_before_start().to_string(),
        Problem::OutOfRange { min, max } => fill(
            t.problem_out_of_range(),
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
        Problem::NotANumber => t.problem_not_a_number().to_string(),
        Problem::BadUrl => t.problem_bad_url().to_string(),
        Problem::TimeDoesNotExist => t.problem_time_does_not_exist().to_string(),
        Problem::Past if field.ends_with("date") => t.problem_past_date().to_string(),
        Problem::Past => t.problem_past().to_string(),
        Problem::NotAnImage => t.problem_not_an_image().to_string(),
        Problem::FileTooLarge { max_mb } => {
            fill(t.problem_file_too_large(), &[("max", &max_mb.to_string())])
        }
        Problem::UnknownPlace => t.problem_unknown_place().to_string(),
        // A link from an e-mail has no field of its own: one message says it no longer works.
        Problem::ResetCodeUnknown | Problem::ResetCodeUsed | Problem::ResetCodeExpired
            if field == "sleutel" =>
        {
            t.problem_reset_link_invalid().to_string()
        }
        Problem::ResetCodeUnknown => t.problem_reset_code_unknown().to_string(),
        Problem::ResetCodeUsed => t.problem_reset_code_used().to_string(),
        Problem::ResetCodeExpired => t.problem_reset_code_expired().to_string(),
        Problem::AccountSuspended => t.problem_account_suspended().to_string(),
        Problem::AccountDeleted => t.problem_account_deleted().to_string(),
    }
}

/// The error of an action's last call, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// Whether an action's last call succeeded.
pub fn action_done<I, O>(action: ServerAction<I>) -> Signal<bool>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || matches!(action.value().get(), Some(Ok(_))))
}

/// Text for an element whose content the HTML parser reads as raw text (`<textarea>`,
/// `<title>`). Leptos 0.8 writes such content unescaped on the server, so a typed
/// `</textarea>` would end the element there; escaped, the browser shows exactly what was
/// typed. In the browser the text is set as text and needs nothing.
pub fn raw_text(value: String) -> String {
    #[cfg(feature = "ssr")]
    let value = html_escape::encode_text(&value).into_owned();
    value
}

/// The id of a field's message, for `aria-describedby`.
pub fn message_id(form: &str, name: &str) -> String {
    format!("{form}-{name}-fout")
}

/// A labelled input (or textarea) with the problem, if any, beside it.
#[component]
pub fn Field(
    /// Distinguishes ids when a page has several forms.
    form: &'static str,
    name: &'static str,
    label: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(default = true)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional, into)] value: String,
    /// Tells apart the same form repeated on one page (one per post).
    #[prop(optional, into)]
    id_suffix: String,
    /// For a server function that takes a struct: the input is named `prefix[name]`.
    #[prop(optional)]
    prefix: Option<&'static str>,
    /// Suggestions from the server as one types: `"buurten"` or `"plekken"`.
    #[prop(optional)]
    suggest: Option<&'static str>,
) -> impl IntoView {
    let input_name = match prefix {
        Some(prefix) => format!("{prefix}[{name}]"),
        None => name.to_string(),
    };
    let t = use_texts();
    let id = format!("{form}{id_suffix}-{name}");
    let error_id = message_id(&format!("{form}{id_suffix}"), name);
    let hint_id = format!("{form}{id_suffix}-{name}-hint");
    let problem = Memo::new(move |_| {
        error
            .read()
            .as_ref()
            .and_then(AppError::form_errors)
            .and_then(|errors| errors.for_field(name))
    });
    // Without JavaScript, the text typed before a refused submit comes back in the URL.
    let kept = error
        .read_untracked()
        .as_ref()
        .and_then(AppError::form_errors)
        .and_then(|errors| errors.kept_value(name).map(str::to_string));
    let value = if kind == "password" {
        String::new()
    } else {
        kept.unwrap_or(value)
    };
    let has_hint = hint.is_some();
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || problem.get().map(|_| "true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=input_name.clone()
                rows="6"
                required=required
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described
            >
                {raw_text(value)}
            </textarea>
        }
        .into_any()
    } else if let Some(suggest) = suggest {
        let list_id = format!("{id}-lijst");
        let input_id = id.clone();
        view! {
            <crate::islands::suggest::Suggest>
                <input
                    id=input_id
                    name=input_name
                    type=kind
                    value=value
                    required=required
                    maxlength=maxlength
                    autocomplete="off"
                    list=list_id.clone()
                    data-suggest=suggest
                    aria-invalid=invalid
                    aria-describedby=described
                />
                <datalist id=list_id></datalist>
            </crate::islands::suggest::Suggest>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=input_name
                type=kind
                value=value
                required=required
                maxlength=maxlength
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any()
    };
    view! {
        <div class="field field--wide">
            <label for=id>{label}</label>
            {hint.clone().map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {control}
            {move || problem.get().map(|problem| view! {
                <p class="field-error" id=error_id.clone()>{problem_text(t, name, problem)}</p>
            })}
        </div>
    }
}

/// What went wrong with the form as a whole, read out when it appears.
#[component]
pub fn FormMessage(error: Signal<Option<AppError>>) -> impl IntoView {
    let t = use_texts();
    move || {
        error.get().map(|error| {
            view! { <p class="form-summary" role="alert">{error.text(t)}</p> }
        })
    }
}
