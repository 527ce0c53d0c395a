use crate::api::invites::{my_invites, CreateInvite};
use crate::components::{
    error_page::ErrorPage,
    form::{action_error, FormMessage},
};
use crate::i18n::{fill, use_texts};
use crate::model::invite::{display_code, InvitePage};
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
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => Either::Left(view! { <InvitesView page/> }),
                    Err(error) => Either::Right(view! { <ErrorPage error/> }),
                }
            })}
        </Transition>
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
                        <li>
                            <ActionForm action=create attr:class="inline-form">
                                <input type="hidden" name="place" value=place.id/>
                                <button type="submit" class="button">{fill(t.invites_create, &[("place", &place.name)])}</button>
                            </ActionForm>
                        </li>
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
                    <p class="invite-card__uses no-print">{fill(t.invite_card_uses, &[("count", &card.invite.uses.to_string())])}</p>
                </li>
            }).collect_view()}
        </ul>
        <p class="no-print">{t.invites_print_hint}</p>
    }
}
