use crate::i18n::{fill, use_texts};
use crate::model::discussion::ThreadSummary;
use leptos::prelude::*;

/// A list of threads: title, where it belongs, who started it, replies, last activity.
#[component]
pub fn ThreadSummaries(threads: Vec<ThreadSummary>, empty: &'static str) -> impl IntoView {
    let t = use_texts();
    if threads.is_empty() {
        return view! { <p>{empty}</p> }.into_any();
    }
    view! {
        <ul class="thread-list">
            {threads.into_iter().map(|thread| {
                let topic = thread.topic.place_name.clone().unwrap_or(thread.topic.neighbourhood_name.clone());
                view! {
                    <li class="thread-list__item">
                        <a class="thread-list__title" href=format!("/gesprekken/{}", thread.id)>{thread.title.clone()}</a>
                        {thread.locked.then(|| view! { <span class="tag">{t.thread_locked_tag}</span> })}
                        <p class="thread-list__meta">
                            {fill(t.thread_meta, &[
                                ("topic", &topic),
                                ("author", &thread.author_name),
                                ("replies", &t.thread_replies.of(thread.replies)),
                            ])}
                            " · "
                            <time datetime=thread.last_post.iso.clone()>{thread.last_post.label.clone()}</time>
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
