use crate::api::invites::{my_invites, CreateInvite};
use crate::components::{
    error_page::Loaded,
    form::{action_error, Field, FormMessage},
};
use crate::i18n::{fill, use_texts};
use crate::model::invite::{display_code, Invite, InvitePage};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// A host's invite codes: make one for a place, print it with its QR code.
#[component]
pub fn InvitesPage() -> impl IntoView {
    let t = use_texts();
    let create = ServerAction::<CreateInvite>::new();
    provide_context(create);
    let page = Resource::new(move || create.version().get(), |_| my_invites());
    view! {
        <Title text=t.invites_title/>
        <Loaded data=page view=|page| view! { <InvitesView page/> }/>
    }
}

#[component]
fn InvitesView(page: InvitePage) -> impl IntoView {
    let t = use_texts();
    let create = expect_context::<ServerAction<CreateInvite>>();
    let places = page.places.clone();
    view! {
        <h1 class="no-print">{t.invites_title}</h1>
        <p class="lead no-print">{t.invites_intro}</p>
        <FormMessage error=action_error(create)/>
        {if places.is_empty() {
            Either::Left(view! { <p>{t.invites_no_places}</p> })
        } else {
            Either::Right(view! {
                <ul class="link-list no-print">
                    {places.into_iter().map(|place| view! {
                        <li><NewCodeForm place_id=place.id place_name=place.name/></li>
                    }).collect_view()}
                </ul>
            })
        }}
        <ul class="invite-cards">
            {page.cards.into_iter().map(|card| view! {
                <li class="invite-card">
                    <h2>{fill(t.invite_card_title, &[("place", &card.invite.place_name)])}</h2>
                    <div class="invite-card__qr" role="img" aria-label=t.invite_card_qr_label inner_html=card.qr_svg.clone()></div>
                    <p class="invite-card__code">{t.invite_card_code} " " <strong>{display_code(&card.invite.code)}</strong></p>
                    <p class="invite-card__url">{card.url.clone()}</p>
                    <InviteLimits invite=card.invite.clone()/>
                </li>
            }).collect_view()}
        </ul>
        <p class="no-print">{t.invites_print_hint}</p>
    }
}

/// Makes a code for one place, with an optional use limit and last day.
#[component]
fn NewCodeForm(place_id: i64, place_name: String) -> impl IntoView {
    let t = use_texts();
    let create = expect_context::<ServerAction<CreateInvite>>();
    let all = action_error(create);
    // One action serves every place's form: a problem shows beside the form it came from.
    let error = Signal::derive(move || {
        all.get().filter(|error| {
            error
                .form_errors()
                .and_then(|errors| errors.kept_value("place"))
                .is_some_and(|kept| kept == place_id.to_string())
        })
    });
    let suffix = format!("-{place_id}");
    view! {
        <ActionForm action=create attr:class="stack-form">
            <input type="hidden" name="place" value=place_id/>
            <Field form="uitnodiging" id_suffix=suffix.clone() name="max_uses" label=t.field_invite_max_uses
                hint=t.field_invite_max_uses_hint kind="number" error required=false/>
            <Field form="uitnodiging" id_suffix=suffix name="until_date" label=t.field_invite_until_date
                hint=t.field_invite_until_date_hint kind="date" error required=false/>
            <button type="submit" class="button">{fill(t.invites_create, &[("place", &place_name)])}</button>
        </ActionForm>
    }
}

/// How often a code was used, how often it may be, and until when it works.
#[component]
fn InviteLimits(invite: Invite) -> impl IntoView {
    let t = use_texts();
    let uses = invite.uses.to_string();
    let used = match invite.max_uses {
        Some(max) => fill(
            t.invite_limit_uses,
            &[("count", &uses), ("max", &max.to_string())],
        ),
        None => t.invite_card_uses.of(invite.uses),
    };
    let until = match &invite.last_day {
        Some(day) => fill(t.invite_valid_until, &[("date", day)]),
        None => t.invite_no_end.to_string(),
    };
    view! {
        <p class="invite-card__uses no-print">{used}</p>
        <p class="invite-card__until no-print">{until}</p>
        {(!invite.usable).then(|| view! { <p class="invite-card__ended no-print">{t.invite_not_usable}</p> })}
    }
}
