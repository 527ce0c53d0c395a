use crate::api::places::SwitchLight;
use crate::components::form::{action_error, Field, FormMessage};
use crate::i18n::use_texts;
use leptos::prelude::*;

/// For the hosts of a place: one tap to say "the light is on, come in", optionally until a
/// time; and one to switch it off.
#[component]
pub fn LightSwitch(
    /// Whether the viewer runs this place; made by the page.
    runs: Resource<Result<bool, crate::error::AppError>>,
    slug: String,
    light_until: Option<String>,
    action: ServerAction<SwitchLight>,
) -> impl IntoView {
    let t = use_texts();
    let error = action_error(action);
    view! {
        <Suspense>
            {move || {
                let slug = slug.clone();
                let light_until = light_until.clone();
                Suspend::new(async move {
                    runs.await.unwrap_or(false).then(|| view! {
                        <section class="light-switch" aria-labelledby="licht">
                            <h2 id="licht">{t.light_heading}</h2>
                            <FormMessage error/>
                            {match light_until {
                                Some(_) => view! {
                                    <ActionForm action attr:class="inline-form">
                                        <input type="hidden" name="place" value=slug/>
                                        <input type="hidden" name="on" value="false"/>
                                        <button type="submit" class="button button--quiet">{t.light_off}</button>
                                    </ActionForm>
                                }.into_any(),
                                None => view! {
                                    <ActionForm action attr:class="stack-form">
                                        <input type="hidden" name="place" value=slug/>
                                        <input type="hidden" name="on" value="true"/>
                                        <Field form="licht" name="until" label=t.light_until_label hint=t.light_until_hint
                                            kind="time" error required=false/>
                                        <button type="submit" class="button button--light">{t.light_on}</button>
                                    </ActionForm>
                                }.into_any(),
                            }}
                        </section>
                    })
                })
            }}
        </Suspense>
    }
}
