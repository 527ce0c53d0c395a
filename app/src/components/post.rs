use crate::i18n::{fill, use_texts};
use crate::model::discussion::{Post, PostStatus};
use leptos::prelude::*;

/// A post's author, time and text; hidden and deleted posts say so instead.
#[component]
pub fn PostBody(post: Post) -> impl IntoView {
    let t = use_texts();
    let id = post.id;
    let text = match post.status {
        PostStatus::Visible | PostStatus::Pending => {
            view! { <div class="post__text" inner_html=post.body_html.clone()></div> }.into_any()
        }
        PostStatus::Hidden => view! {
            <p class="post__gone">
                {match &post.hidden_reason {
                    Some(reason) => fill(t.post_hidden_with_reason, &[("reason", reason)]),
                    None => t.post_hidden.to_string(),
                }}
            </p>
        }
        .into_any(),
        PostStatus::Deleted => view! { <p class="post__gone">{t.post_deleted}</p> }.into_any(),
    };
    view! {
        <header class="post__head">
            <h3 class="post__author" id=format!("bericht-{id}-kop")>
                {if post.status == PostStatus::Deleted {
                    t.post_deleted_author.to_string()
                } else if post.former_member {
                    t.former_member.to_string()
                } else {
                    post.author_name.clone()
                }}
                {post.guest.then(|| view! { <span class="tag">{t.post_guest_tag}</span> })}
            </h3>
            <p class="post__meta">
                <time datetime=post.created.iso.clone()>{post.created.label.clone()}</time>
                {post.edited.then(|| view! { " · " {t.post_edited} })}
                {(post.status == PostStatus::Pending).then(|| view! {
                    " · " <strong class="tag tag--waiting">{t.post_pending}</strong>
                })}
            </p>
        </header>
        {text}
    }
}
