//! Markdown for posts: rendered once when a post is written and stored as sanitized HTML,
//! so reading a thread never parses Markdown and never trusts what was typed.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// The tags a post may contain: paragraphs, emphasis, links and lists (and inline code).
const TAGS: [&str; 9] = ["p", "br", "em", "strong", "a", "ul", "ol", "li", "code"];

/// Renders the small Markdown subset posts allow and sanitizes the result. Raw HTML in the
/// source is shown as text; images become their description.
pub fn render(source: &str) -> String {
    let events = Parser::new_ext(source, Options::empty()).filter_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        // An image's description stays as text; the image itself never loads.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::with_capacity(source.len() * 2);
    html::push_html(&mut html, events);
    ammonia::Builder::empty()
        .tags(HashSet::from(TAGS))
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("nofollow ugc noopener noreferrer"))
        .clean_content_tags(HashSet::from(["script", "style"]))
        .strip_comments(true)
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn the_allowed_subset() {
        assert_eq!(render("Hallo buren"), "<p>Hallo buren</p>\n");
        assert_eq!(
            render("*schuin* en **vet**"),
            "<p><em>schuin</em> en <strong>vet</strong></p>\n"
        );
        assert_eq!(
            render("[buurthuis](https://buurthuis.example)"),
            "<p><a href=\"https://buurthuis.example\" rel=\"nofollow ugc noopener noreferrer\">buurthuis</a></p>\n"
        );
        assert_eq!(
            render("- een\n- twee"),
            "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>\n"
        );
        assert_eq!(render("1. een"), "<ol>\n<li>een</li>\n</ol>\n");
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(render("<b>vet</b>"), "<p>&lt;b&gt;vet&lt;/b&gt;</p>\n");
        assert!(render("<script>alert(1)</script>").contains("&lt;script&gt;"));
    }

    #[test]
    fn unsafe_links_lose_their_target_and_images_their_source() {
        assert_eq!(
            render("[x](javascript:alert(1))"),
            "<p><a rel=\"nofollow ugc noopener noreferrer\">x</a></p>\n"
        );
        assert_eq!(
            render("![een foto](https://x.example/a.png)"),
            "<p>een foto</p>\n"
        );
        assert_eq!(
            render("[x](/relatief)"),
            "<p><a rel=\"nofollow ugc noopener noreferrer\">x</a></p>\n"
        );
    }

    #[test]
    fn headings_and_titles_keep_only_their_text() {
        assert_eq!(render("# Kop"), "Kop\n");
        assert!(!render("[x](https://ok.example \"titel\")").contains("title"));
    }

    #[test]
    fn deep_nesting_and_odd_input_do_not_panic() {
        render(&">".repeat(10_000));
        render(&"- ".repeat(10_000));
        render(&"[".repeat(10_000));
        render("\u{0}\u{202e}\u{feff}");
    }
}
