use crate::api::threads::list_threads;
use crate::components::{
    error_page::Loaded, start_thread::StartThreadForm, thread_list::ThreadSummaries,
};
use crate::i18n::use_texts;
use crate::model::discussion::ThreadList;
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// Recent conversations in the neighbourhood, and a form to start one about a topic.
#[component]
pub fn ThreadsPage() -> impl IntoView {
    let t = use_texts();
    let list = Resource::new(|| (), |_| list_threads());
    view! {
        <Title text=t.threads_title/>
        <h1>{t.threads_title}</h1>
        <p class="lead">{t.threads_intro}</p>
        <Loaded data=list view=|list| view! { <ThreadsView list/> }/>
    }
}

#[component]
fn ThreadsView(list: ThreadList) -> impl IntoView {
    let t = use_texts();
    view! {
        <section aria-labelledby="recent">
            <h2 id="recent">{t.threads_recent_heading}</h2>
            <ThreadSummaries threads=list.threads.clone() empty=t.threads_none/>
        </section>
        <section aria-labelledby="nieuw">
            <h2 id="nieuw">{t.thread_start_heading}</h2>
            {if list.signed_in {
                Either::Left(view! { <StartThreadForm form="nieuw" neighbourhood=list.neighbourhood.clone()/> })
            } else {
                Either::Right(view! { <crate::components::login_first::LoginToTake/> })
            }}
        </section>
    }
}
