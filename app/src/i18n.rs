//! Translations: the typed texts generated from `locales/*.json` by `build.rs`, the user's
//! language, and small helpers to fill in placeholders.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/texts.rs"));

/// The forms of a text that counts something, as written in `locales/*.json` under
/// `{"one": …, "other": …}`. Dutch and English share one rule: exactly one takes the
/// singular, every other number (zero too: "0 reacties", "0 replies") the plural.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Plural {
    /// The form for `count`, with `{count}` filled in.
    pub fn of<N: TryInto<i64>>(&self, count: N) -> String {
        let count = count.try_into().unwrap_or(i64::MAX);
        let form = if count == 1 { self.one } else { self.other };
        form.replace("{count}", &count.to_string())
    }

    /// The form for `count` with `{count}` and the other placeholders filled in.
    pub fn fill<N: TryInto<i64>>(&self, count: N, values: &[(&str, &str)]) -> String {
        fill(&self.of(count), values)
    }
}

/// The name of the cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "taal";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Nl,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Nl, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::Nl => &NL,
            Locale::En => &EN,
        }
    }

    /// The language's own name, as shown on the button that switches to it.
    pub fn own_name(self) -> &'static str {
        match self {
            Locale::Nl => NL.language_name,
            Locale::En => EN.language_name,
        }
    }

    /// The chosen language in a request's `Cookie` headers, if any.
    pub fn from_headers(headers: &http::HeaderMap) -> Option<Self> {
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(Self::from_cookie_header)
    }

    /// Reads the chosen language from a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Option<Self> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LOCALE_COOKIE)
            .and_then(|(_, value)| Self::from_code(value.trim()))
    }
}

/// The language of the page being rendered, provided by `App`.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The texts of the page being rendered.
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}

/// Replaces each `{name}` in a text with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Texts {
    /// The name of a month (1 = January).
    pub fn month(&self, month: u8) -> &'static str {
        [
            self.month_1,
            self.month_2,
            self.month_3,
            self.month_4,
            self.month_5,
            self.month_6,
            self.month_7,
            self.month_8,
            self.month_9,
            self.month_10,
            self.month_11,
            self.month_12,
        ][usize::from(month.clamp(1, 12) - 1)]
    }

    /// A small number written out, for questions read by people rather than machines.
    pub fn number(&self, n: u8) -> &'static str {
        match n {
            2 => self.number_2,
            3 => self.number_3,
            4 => self.number_4,
            5 => self.number_5,
            6 => self.number_6,
            7 => self.number_7,
            8 => self.number_8,
            _ => self.number_9,
        }
    }

    /// The name of an ISO weekday (1 = Monday).
    pub fn weekday(&self, weekday: u8) -> &'static str {
        match weekday {
            1 => self.day_1,
            2 => self.day_2,
            3 => self.day_3,
            4 => self.day_4,
            5 => self.day_5,
            6 => self.day_6,
            _ => self.day_7,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_is_read() {
        assert_eq!(Locale::from_cookie_header("taal=en"), Some(Locale::En));
        assert_eq!(
            Locale::from_cookie_header("a=b; taal=nl; c=d"),
            Some(Locale::Nl)
        );
        assert_eq!(Locale::from_cookie_header("taal=fr"), None);
        assert_eq!(Locale::from_cookie_header("mytaal=en"), None);
        assert_eq!(Locale::from_cookie_header(""), None);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(NL.status_open_until, &[("time", "17:00")]),
            "tot 17:00"
        );
        assert_eq!(
            fill(EN.status_opens_on, &[("day", EN.day_3), ("time", "09:00")]),
            "opens Wednesday at 09:00"
        );
    }

    #[test]
    fn plurals_pick_their_form() {
        let replies = Plural {
            one: "{count} reactie",
            other: "{count} reacties",
        };
        assert_eq!(replies.of(0), "0 reacties");
        assert_eq!(replies.of(1), "1 reactie");
        assert_eq!(replies.of(2), "2 reacties");
        assert_eq!(replies.of(-1), "-1 reacties");
        let walk_ins = Plural {
            one: "één {what}",
            other: "{count} {what}",
        };
        assert_eq!(walk_ins.fill(1u8, &[("what", "x")]), "één x");
        assert_eq!(walk_ins.fill(3u8, &[("what", "x")]), "3 x");
    }

    #[test]
    fn no_text_is_empty() {
        for locale in Locale::ALL {
            let debug = format!("{:?}", locale.texts());
            assert!(!debug.contains(": \"\""), "{locale:?} has an empty text");
        }
    }
}

#[cfg(test)]
mod problem_texts_tests {
    use super::*;

    #[test]
    fn problem_texts_survive_the_attribute_they_travel_in() {
        for locale in Locale::ALL {
            let texts = locale.texts().problems();
            let back = ProblemTexts::from_lines(&texts.to_lines());
            assert_eq!(back, texts);
            assert_eq!(back.problem_required(), locale.texts().problem_required);
            assert_eq!(back.problem_too_long(), locale.texts().problem_too_long);
        }
    }
}
