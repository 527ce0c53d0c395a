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
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever is posted, the HTML holds only the allowed tags and no script, style,
        /// event handler or javascript: link.
        #[test]
        fn rendered_markdown_is_always_safe(source in prop_oneof![
            any::<String>(),
            r#"([*_`#>\-]|\[x\]\(javascript:alert\(1\)\)|<script>|<img src=x onerror=a>|<svg onload=a>|<a href="jAvAsCrIpT:a">|&lt;|\n\n|[a-z ]{1,5}){0,30}"#,
        ]) {
            let html = render(&source);
            let lower = html.to_lowercase();
            prop_assert!(!lower.contains("<script"), "{}", html);
            prop_assert!(!lower.contains("<style"), "{}", html);
            prop_assert!(!lower.contains("<svg"), "{}", html);
            prop_assert!(!lower.contains("<img"), "{}", html);
            prop_assert!(!inside_tags(&lower).contains("javascript:"), "{}", html);
            let tags = regex_free_tags(&lower);
            for tag in tags {
                prop_assert!(
                    super::TAGS.contains(&tag.as_str()),
                    "tag {} in {}", tag, html
                );
            }
            for attribute in [" on", " style=", " src=", " class="] {
                prop_assert!(!inside_tags(&lower).contains(attribute), "{} in {}", attribute, html);
            }
        }
    }

    /// The names of the tags in some HTML.
    fn regex_free_tags(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .map(|rest| {
                rest.trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect()
            })
            .collect()
    }

    /// The text inside `<…>`, where attributes are.
    fn inside_tags(html: &str) -> String {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split('>').next())
            .collect::<Vec<_>>()
            .join(" ")
    }

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
