//! Atom feeds (RFC 4287): every text escaped for XML, characters XML cannot carry dropped.

use jiff::Timestamp;

/// One entry of a feed.
pub struct Entry<'a> {
    /// The entry's address on this site, from `/`.
    pub path: String,
    pub title: &'a str,
    pub summary: &'a str,
    /// HTML this server made (sanitised Markdown); sent escaped as `type="html"`.
    pub content_html: Option<&'a str>,
    pub published: i64,
    pub updated: i64,
}

/// The feed itself: `path` is its own address, `alternate` the page it follows.
pub struct Feed<'a> {
    pub path: &'a str,
    pub alternate: &'a str,
    pub title: &'a str,
    pub updated: i64,
}

/// Text for an XML element or a quoted attribute.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

fn time(seconds: i64) -> String {
    Timestamp::from_second(seconds)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The feed as served from `site` (scheme and host).
pub fn render(site: &str, feed: &Feed<'_>, entries: &[Entry<'_>]) -> String {
    let site = site.trim_end_matches('/');
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(feed.updated);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <id>{id}</id>\n<title>{title}</title>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{id}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{alternate}\"/>\n\
         <author><name>Buurtplein</name></author>\n",
        id = escape(&format!("{site}{}", feed.path)),
        title = escape(feed.title),
        updated = time(updated),
        alternate = escape(&format!("{site}{}", feed.alternate)),
    );
    for entry in entries {
        let url = escape(&format!("{site}{}", entry.path));
        out.push_str(&format!(
            "<entry>\n<id>{url}</id>\n<title type=\"text\">{}</title>\n\
             <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
             <published>{}</published>\n<updated>{}</updated>\n\
             <summary type=\"text\">{}</summary>\n",
            escape(entry.title),
            time(entry.published),
            time(entry.updated.max(entry.published)),
            escape(entry.summary),
        ));
        if let Some(html) = entry.content_html {
            out.push_str(&format!(
                "<content type=\"html\">{}</content>\n",
                escape(html)
            ));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>\u{1}"),
            "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;"
        );
        let feed = Feed {
            path: "/artikelen.atom",
            alternate: "/artikelen",
            title: "Artikelen",
            updated: 0,
        };
        let xml = render(
            "https://buurt.example/",
            &feed,
            &[Entry {
                path: "/artikelen/a".into(),
                title: "</title><x>",
                summary: "]]>",
                content_html: Some("<p>hoi</p>"),
                published: 1_700_000_000,
                updated: 1_700_000_100,
            }],
        );
        assert!(
            xml.contains("<title type=\"text\">&lt;/title&gt;&lt;x&gt;</title>"),
            "{xml}"
        );
        assert!(xml.contains("<content type=\"html\">&lt;p&gt;hoi&lt;/p&gt;</content>"));
        assert!(xml.contains("<id>https://buurt.example/artikelen/a</id>"));
        assert!(xml.contains("<updated>2023-11-14T22:15:00Z</updated>"));
    }
}
