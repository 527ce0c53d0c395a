//! A way back in without e-mail. Hosts, moderators and administrators look a resident up
//! and make a reset code (`/herstelcodes`), which they hand over on screen or on a printed
//! slip (`/herstelcodes/bon`); the resident types it on `/wachtwoord-herstellen` with a new
//! password. Where the server sends mail, that page also sends a link instead.

use crate::api::resets::{
    find_people, get_reset_page, get_reset_slip, MakeResetCode, RequestResetMail, ResetPassword,
};
use crate::components::{
    error_page::Loaded,
    form::{action_error, problem_text, Field, FormMessage},
};
use crate::i18n::{fill, use_texts};
use crate::islands::{print_button::PrintButton, suggest::Suggest};
use crate::model::{
    account::PASSWORD_MAX,
    reset::{Availability, LinkState, PeopleFound, Person, ResetPage, ResetSlip, PERSON_QUERY_MAX},
};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Looking a resident up by (part of) their name or username, and making a code for them.
#[component]
pub fn ResetCodesPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let typed = Memo::new(move |_| query.read().get("wie").unwrap_or_default());
    let make = ServerAction::<MakeResetCode>::new();
    provide_context(make);
    let found = Resource::new(move || typed.get(), find_people);
    view! {
        <Title text=t.reset_codes_title/>
        <Loaded data=found view=|found| view! { <PeopleView found/> }/>
    }
}

#[component]
fn PeopleView(found: PeopleFound) -> impl IntoView {
    let t = use_texts();
    let make = expect_context::<ServerAction<MakeResetCode>>();
    let error = action_error(make);
    let typed = found.typed.clone().unwrap_or_default();
    let heading = fill(t.reset_codes_results, &[("text", &typed)]);
    let nobody = found.typed.is_some() && found.people.is_empty();
    let PeopleFound { people, more, .. } = found;
    view! {
        <h1>{t.reset_codes_title}</h1>
        <p class="lead">{t.reset_codes_intro}</p>
        <FormMessage error/>
        <section class="picker" aria-labelledby="herstel-zoeken-kop">
            <h2 id="herstel-zoeken-kop">{t.reset_codes_heading}</h2>
            // A plain search the server answers; with JavaScript, names are suggested as one types.
            <form method="get" action="/herstelcodes" class="picker__form">
                <label for="herstel-wie">{t.reset_codes_label}</label>
                <p class="field-hint" id="herstel-wie-hint">{t.reset_codes_hint}</p>
                <div class="picker__row">
                    <Suggest>
                        <input
                            type="text"
                            id="herstel-wie"
                            name="wie"
                            list="herstel-wie-lijst"
                            data-suggest="mensen"
                            autocomplete="off"
                            required
                            maxlength=PERSON_QUERY_MAX
                            aria-describedby=if nobody {
                                "herstel-wie-hint herstel-wie-fout"
                            } else {
                                "herstel-wie-hint"
                            }
                            aria-invalid=nobody.then_some("true")
                            value=typed.clone()
                        />
                        <datalist id="herstel-wie-lijst"></datalist>
                    </Suggest>
                    <button type="submit" class="button">{t.reset_codes_search}</button>
                </div>
                {nobody.then(|| view! {
                    <p class="field-error" id="herstel-wie-fout">{t.reset_codes_nobody}</p>
                })}
            </form>
        </section>
        {(!people.is_empty()).then(|| view! {
            <section class="picker-results" aria-labelledby="herstel-keuzes">
                <h2 id="herstel-keuzes">{heading}</h2>
                <ul class="people-list">
                    {people.into_iter().map(|person| view! { <PersonChoice person/> }).collect_view()}
                </ul>
                {more.then(|| view! { <p class="field-hint">{t.reset_codes_more}</p> })}
            </section>
        })}
    }
}

/// One account the typed text could be: a button to make its code, or why there is none.
#[component]
fn PersonChoice(person: Person) -> impl IntoView {
    let t = use_texts();
    let make = expect_context::<ServerAction<MakeResetCode>>();
    let all = action_error(make);
    let username = person.username.clone();
    // The problem, if any, of the code last asked for this account.
    let problem = move || {
        all.get().and_then(|error| {
            let errors = error.form_errors()?;
            let kept = errors.kept_value("username")?;
            kept.trim()
                .eq_ignore_ascii_case(&username)
                .then(|| errors.for_field("username"))
                .flatten()
        })
    };
    let name = person.display_name.clone();
    let shown_username = fill(t.reset_codes_username, &[("username", &person.username)]);
    let choice = match person.availability {
        Availability::Ready => Either::Left(view! {
            <ActionForm action=make attr:class="inline-form">
                <input type="hidden" name="username" value=person.username.clone()/>
                <button type="submit" class="button button--quiet"
                    aria-label=fill(t.reset_codes_make_named, &[("name", &name)])>
                    {t.reset_codes_make}
                </button>
            </ActionForm>
        }),
        other => Either::Right(view! {
            <span class="people-list__note">
                {match other {
                    Availability::Suspended => t.problem_account_suspended,
                    Availability::Deleted => t.problem_account_deleted,
                    _ => t.reset_codes_not_allowed,
                }}
            </span>
        }),
    };
    view! {
        <li class="people-list__item">
            <span>
                <span class="people-list__name">{person.display_name.clone()}</span>
                " " <span class="series-list__meta">{shown_username}</span>
            </span>
            {choice}
            {move || problem().map(|problem| view! {
                <p class="field-error" role="alert">{problem_text(t, "username", problem)}</p>
            })}
        </li>
    }
}

/// The code just made, on screen and as a slip to print.
#[component]
pub fn ResetSlipPage() -> impl IntoView {
    let t = use_texts();
    let slip = Resource::new(|| (), |_| get_reset_slip());
    view! {
        <Title text=t.reset_slip_title/>
        <Loaded data=slip view=|slip| view! { <SlipView slip/> }/>
    }
}

#[component]
fn SlipView(slip: Option<ResetSlip>) -> impl IntoView {
    let t = use_texts();
    let Some(slip) = slip else {
        return Either::Left(view! {
            <h1>{t.reset_slip_title}</h1>
            <p>{t.reset_slip_none}</p>
            <p><a href="/herstelcodes">{t.reset_slip_make}</a></p>
        });
    };
    let name = slip.display_name.clone();
    Either::Right(view! {
        <div class="no-print">
            <h1>{fill(t.reset_slip_heading, &[("name", &name)])}</h1>
            <p class="lead">{fill(t.reset_slip_intro, &[("name", &name)])}</p>
            <p>
                <PrintButton>{t.print_button}</PrintButton>
                <span class="without-js">{t.print_hint}</span>
            </p>
        </div>
        <article class="reset-slip" aria-labelledby="bon-kop">
            <h2 id="bon-kop">{t.reset_slip_card_title}</h2>
            <p>{fill(t.reset_slip_for, &[("name", &name), ("username", &slip.username)])}</p>
            <p class="reset-slip__code-label">{t.reset_slip_code_label}</p>
            <p class="reset-slip__code">{slip.code.clone()}</p>
            <ol class="reset-slip__steps">
                <li>{fill(t.reset_slip_step_go, &[("url", &slip.page_url)])}</li>
                <li>{t.reset_slip_step_code}</li>
                <li>{t.reset_slip_step_password}</li>
            </ol>
            <div class="reset-slip__qr">
                <div role="img" aria-label=t.reset_slip_qr_label inner_html=slip.qr_svg.clone()></div>
                <p>{t.reset_slip_qr_text}</p>
            </div>
            <p class="reset-slip__until">
                {fill(t.reset_slip_valid_until, &[("date", &slip.valid_until.label)])}
            </p>
            <p>{t.reset_slip_secret}</p>
        </article>
        <p class="no-print"><a href="/herstelcodes">{t.reset_slip_another}</a></p>
    })
}

/// Choosing a new password with a reset code or a link from an e-mail.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let key = move || query.read().get("sleutel").unwrap_or_default();
    let page = Resource::new(key, get_reset_page);
    let view = move |page: ResetPage| {
        let query = query.read_untracked();
        let key = query.get("sleutel").unwrap_or_default();
        let code = query.get("code").unwrap_or_default();
        let mail_sent = query.get("mail").is_some_and(|v| v == "verstuurd");
        view! { <ResetView page key code mail_sent/> }
    };
    view! {
        <Title text=t.reset_title/>
        <Loaded data=page view/>
    }
}

#[component]
fn ResetView(page: ResetPage, key: String, code: String, mail_sent: bool) -> impl IntoView {
    let t = use_texts();
    let form = match page.link {
        LinkState::Valid => Either::Left(view! {
            <p class="lead">{t.reset_link_intro}</p>
            <NewPasswordForm key=Some(key) code=String::new()/>
        }),
        LinkState::NoLink => Either::Right(Either::Left(view! {
            <p class="lead">{t.reset_intro}</p>
            <NewPasswordForm key=None code/>
        })),
        LinkState::Invalid => Either::Right(Either::Right(view! {
            <p class="form-summary" role="alert">{t.problem_reset_link_invalid}</p>
        })),
    };
    view! {
        <h1>{t.reset_title}</h1>
        {mail_sent.then(|| view! { <p class="notice" role="status">{t.reset_mail_sent}</p> })}
        {form}
        <section aria-labelledby="geen-code">
            <h2 id="geen-code">{t.reset_no_code_heading}</h2>
            <p>{t.reset_ask_host}</p>
            {page.mail.then(|| view! {
                <p>{t.reset_mail_intro}</p>
                <MailForm/>
            })}
        </section>
    }
}

#[component]
fn NewPasswordForm(key: Option<String>, code: String) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let code_field = match key {
        Some(key) => Either::Left(view! {
            <input type="hidden" name="sleutel" value=key/>
            {move || error.get().and_then(|e| e.form_errors().and_then(|e| e.for_field("sleutel"))).map(|problem| view! {
                <p class="field-error">{problem_text(t, "sleutel", problem)}</p>
            })}
        }),
        None => Either::Right(view! {
            <Field form="herstellen" name="reset_code" label=t.field_reset_code hint=t.field_reset_code_hint
                error value=code autocomplete="off" maxlength=20/>
        }),
    };
    view! {
        <ActionForm action attr:class="stack-form">
            <FormMessage error/>
            {code_field}
            <Field form="herstellen" name="password" label=t.field_new_password hint=t.field_password_hint
                kind="password" error autocomplete="new-password" maxlength=PASSWORD_MAX/>
            <Field form="herstellen" name="password_again" label=t.field_password_again kind="password"
                error autocomplete="new-password" maxlength=PASSWORD_MAX/>
            <button type="submit" class="button">{t.reset_submit}</button>
        </ActionForm>
    }
}

/// Asks for a link by e-mail; shown only when the server sends mail.
#[component]
fn MailForm() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<RequestResetMail>::new();
    let error = action_error(action);
    view! {
        <ActionForm action attr:class="stack-form">
            <FormMessage error/>
            <Field form="herstelmail" name="wie" label=t.field_username_or_email error
                autocomplete="username" maxlength=crate::model::account::EMAIL_MAX/>
            <button type="submit" class="button button--quiet">{t.reset_mail_submit}</button>
        </ActionForm>
    }
}
