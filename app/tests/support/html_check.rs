//! A strict check that HTML from a post holds nothing but the allowed tags and safe links.
//! Shared by the Markdown test and the HTTP posting test.
#![allow(dead_code)]

const TAGS: &[&str] = &["p", "br", "em", "strong", "a", "ul", "ol", "li", "code"];

/// The payloads of the corpus (comment lines left out).
pub fn payloads() -> Vec<&'static str> {
    include_str!("../xss_payloads.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect()
}

fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let Some(end) = tail.find(';').filter(|end| *end <= 12) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ if entity.starts_with("#x") || entity.starts_with("#X") => {
                u32::from_str_radix(&entity[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if entity.starts_with('#') => entity[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Panics unless every tag is allowed, every attribute is `href` or `rel` on `a`, every link
/// is http(s) or mailto, and every other `<` is escaped.
pub fn assert_safe(html: &str) {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag = &rest[open..];
        let close = tag
            .find('>')
            .unwrap_or_else(|| panic!("an unclosed `<` in output: {html}"));
        let inner = &tag[1..close];
        check_tag(inner, html);
        rest = &tag[close + 1..];
    }
}

fn check_tag(inner: &str, html: &str) {
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/').trim_end_matches('/');
    let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
    let name = &body[..name_end];
    assert!(
        TAGS.contains(&name),
        "tag <{inner}> is not allowed in: {html}"
    );
    let mut attributes = body[name_end..].trim();
    if closing {
        assert!(attributes.is_empty(), "closing tag with attributes: {html}");
        return;
    }
    while !attributes.is_empty() {
        let eq = attributes
            .find('=')
            .unwrap_or_else(|| panic!("attribute without value in <{inner}>: {html}"));
        let key = attributes[..eq].trim();
        let after = attributes[eq + 1..].trim_start();
        let quote = after.chars().next().unwrap_or(' ');
        assert!(quote == '"', "unquoted attribute in <{inner}>: {html}");
        let end = after[1..]
            .find('"')
            .unwrap_or_else(|| panic!("unterminated attribute in <{inner}>: {html}"));
        let value = &after[1..=end];
        assert!(name == "a", "attribute {key} on <{name}>: {html}");
        match key {
            "rel" => {}
            "href" => {
                let url: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                assert!(
                    url.starts_with("http://")
                        || url.starts_with("https://")
                        || url.starts_with("mailto:"),
                    "unsafe link {value:?} in: {html}"
                );
            }
            other => panic!("attribute {other} is not allowed in: {html}"),
        }
        attributes = after[end + 2..].trim_start();
    }
}
