use crate::api::moderation::moderation_log;
use crate::components::error_page::Loaded;
use crate::i18n::use_texts;
use crate::model::discussion::{LogEntry, ModAction};
use leptos::{either::Either, prelude::*};
use leptos_meta::Title;

/// Every moderator action, newest first; for admins.
#[component]
pub fn ModerationLogPage() -> impl IntoView {
    let t = use_texts();
    let log = Resource::new(|| (), |_| moderation_log());
    view! {
        <Title text=t.moderation_log_title/>
        <Loaded data=log view=|entries| view! { <LogTable entries/> }/>
    }
}

#[component]
fn LogTable(entries: Vec<LogEntry>) -> impl IntoView {
    let t = use_texts();
    if entries.is_empty() {
        return Either::Left(
            view! { <h1>{t.moderation_log_title}</h1> <p>{t.moderation_log_none}</p> },
        );
    }
    let action_label = move |action: ModAction| match action {
        ModAction::Approve => t.mod_approve,
        ModAction::Hide => t.mod_hide,
        ModAction::Restore => t.mod_restore,
        ModAction::Delete => t.mod_delete,
        ModAction::Lock => t.mod_lock,
        ModAction::Unlock => t.mod_unlock,
        ModAction::Suspend => t.mod_suspend,
        ModAction::Unsuspend => t.mod_unsuspend,
        ModAction::MakeModerator => t.roles_moderator,
        ModAction::MakeHost => t.roles_host,
        ModAction::MakeEditor => t.roles_editor,
        ModAction::RevokeEditor => t.roles_no_editor,
        ModAction::DismissReport => t.mod_dismiss,
        ModAction::ResetCode => t.log_reset_code,
    };
    Either::Right(view! {
        <h1>{t.moderation_log_title}</h1>
        <table class="log">
            <caption class="visually-hidden">{t.moderation_log_title}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.log_when}</th>
                    <th scope="col">{t.log_who}</th>
                    <th scope="col">{t.log_what}</th>
                    <th scope="col">{t.log_about}</th>
                    <th scope="col">{t.log_reason}</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|e| {
                    // Each thing the action was about, linked where it can be read.
                    let thread = e.thread_id.map(|id| {
                        let title = e.thread_title.clone().unwrap_or_else(|| format!("#{id}"));
                        (title, e.thread_href.clone())
                    });
                    let post = e.post_id.map(|id| (format!("{} {id}", t.log_post), e.post_href.clone()));
                    let user = e.user_name.clone().map(|name| (name, None));
                    let place = e.place_name.clone().map(|name| (name, e.place_href.clone()));
                    let about = [thread, post, user, place]
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(n, (text, href))| view! {
                            {(n > 0).then_some(" · ")}
                            {match href {
                                Some(href) => Either::Left(view! { <a href=href>{text}</a> }),
                                None => Either::Right(text),
                            }}
                        })
                        .collect_view();
                    view! {
                        <tr>
                            // A phone shows each row as a card; the labels name its fields there.
                            <td data-label=t.log_when><time datetime=e.created.iso.clone()>{e.created.label.clone()}</time></td>
                            <td data-label=t.log_who>{e.moderator_name.clone()}</td>
                            <td data-label=t.log_what>{action_label(e.action)}</td>
                            <td data-label=t.log_about>{about}</td>
                            <td data-label=t.log_reason>{e.reason.clone()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    })
}
