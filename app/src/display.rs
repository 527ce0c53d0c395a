//! How the visitor wants pages shown: large text and high contrast, each on or off.
//!
//! Remembered in two cookies that `/weergave` sets, read from each request by the server and
//! written as classes on `<html>`, so the first paint is already right and no script is
//! needed. The choice belongs to the request, never to the data kept for anonymous readers
//! (see `cache`): every render reads it again.

use serde::{Deserialize, Serialize};

/// The cookie that holds the large-text choice; `groot` means on.
pub const LARGE_TEXT_COOKIE: &str = "letters";
/// The cookie that holds the high-contrast choice; `hoog` means on.
pub const HIGH_CONTRAST_COOKIE: &str = "contrast";
/// The value of [`LARGE_TEXT_COOKIE`] that switches large text on.
pub const LARGE_TEXT_ON: &str = "groot";
/// The value of [`HIGH_CONTRAST_COOKIE`] that switches high contrast on.
pub const HIGH_CONTRAST_ON: &str = "hoog";
/// The value either form field sends to switch its setting off.
pub const SETTING_OFF: &str = "gewoon";

/// The class on `<html>` for large text.
pub const LARGE_TEXT_CLASS: &str = "text-large";
/// The class on `<html>` for high contrast.
pub const HIGH_CONTRAST_CLASS: &str = "contrast-high";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Display {
    pub large_text: bool,
    pub high_contrast: bool,
}

impl Display {
    /// The choice in a request's `Cookie` headers; anything unknown counts as off.
    pub fn from_headers(headers: &http::HeaderMap) -> Self {
        let mut display = Display::default();
        for header in headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
        {
            display = display.with_cookie_header(header);
        }
        display
    }

    /// This choice with what a `Cookie` header value says on top.
    pub fn with_cookie_header(mut self, header: &str) -> Self {
        for (name, value) in header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
        {
            match name {
                LARGE_TEXT_COOKIE => self.large_text = value.trim() == LARGE_TEXT_ON,
                HIGH_CONTRAST_COOKIE => self.high_contrast = value.trim() == HIGH_CONTRAST_ON,
                _ => {}
            }
        }
        self
    }

    /// The classes for `<html>`, or `None` when both are off.
    pub fn html_class(self) -> Option<String> {
        let classes: Vec<&str> = [
            self.large_text.then_some(LARGE_TEXT_CLASS),
            self.high_contrast.then_some(HIGH_CONTRAST_CLASS),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!classes.is_empty()).then(|| classes.join(" "))
    }

    /// The choice as rendered on a page's `<html>` class.
    pub fn from_html_class(class: &str) -> Self {
        let has = |wanted: &str| class.split_whitespace().any(|c| c == wanted);
        Display {
            large_text: has(LARGE_TEXT_CLASS),
            high_contrast: has(HIGH_CONTRAST_CLASS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read() {
        let read = |header: &str| Display::default().with_cookie_header(header);
        assert_eq!(read(""), Display::default());
        assert_eq!(
            read("taal=en; letters=groot"),
            Display {
                large_text: true,
                high_contrast: false
            }
        );
        assert_eq!(
            read("contrast=hoog;letters=groot"),
            Display {
                large_text: true,
                high_contrast: true
            }
        );
        assert_eq!(read("letters=gewoon; contrast=laag"), Display::default());
        assert_eq!(
            read("mijnletters=groot; xcontrast=hoog"),
            Display::default()
        );
    }

    #[test]
    fn classes_go_there_and_back() {
        for large_text in [false, true] {
            for high_contrast in [false, true] {
                let display = Display {
                    large_text,
                    high_contrast,
                };
                let class = display.html_class();
                assert_eq!(class.is_none(), !large_text && !high_contrast);
                let back = Display::from_html_class(&class.unwrap_or_default());
                assert_eq!(back, display);
            }
        }
    }
}
