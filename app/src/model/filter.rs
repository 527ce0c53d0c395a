//! The directory filter: raw query-string values in, a checked filter or field errors out.

use super::place::{Feature, PlaceKind};
use crate::i18n::Texts;
use serde::{Deserialize, Serialize};

/// The longest free-text search accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// The directory's query string as the browser sends it; the Dutch parameter names of the
/// addresses are kept on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlaceQuery {
    #[serde(rename = "soort")]
    pub kind: Option<String>,
    #[serde(rename = "buurt")]
    pub neighbourhood: Option<String>,
    #[serde(rename = "kenmerk")]
    pub feature: Option<String>,
    pub open: Option<String>,
    #[serde(rename = "q")]
    pub text: Option<String>,
    /// The page of results, from 1.
    #[serde(default, rename = "pagina")]
    pub page: Option<String>,
}

/// A checked directory filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceFilter {
    pub kind: Option<PlaceKind>,
    pub neighbourhood: Option<String>,
    pub feature: Option<Feature>,
    pub open_now: bool,
    pub text: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterField {
    Kind,
    Neighbourhood,
    Feature,
    OpenNow,
    Text,
}

impl FilterField {
    /// The query parameter, which is also the form control's name and id.
    pub fn param(self) -> &'static str {
        match self {
            FilterField::Kind => "soort",
            FilterField::Neighbourhood => "buurt",
            FilterField::Feature => "kenmerk",
            FilterField::OpenNow => "open",
            FilterField::Text => "q",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterError {
    pub field: FilterField,
    pub problem: FilterProblem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterProblem {
    Unknown,
    /// More than one neighbourhood fits what was typed.
    Ambiguous,
    TooLong,
}

impl FilterError {
    pub fn message(&self, t: &Texts) -> &'static str {
        match (self.field, self.problem) {
            (FilterField::Kind, _) => t.filter_error_kind,
            (FilterField::Neighbourhood, FilterProblem::Ambiguous) => {
                t.filter_error_neighbourhood_ambiguous
            }
            (FilterField::Neighbourhood, _) => t.filter_error_neighbourhood,
            (FilterField::Feature, _) => t.filter_error_feature,
            (FilterField::OpenNow, _) => t.filter_error_open,
            (FilterField::Text, FilterProblem::TooLong) => t.filter_error_text_long,
            (FilterField::Text, _) => t.filter_error_text,
        }
    }
}

/// Text typed into a search field, trimmed: None when it is empty, longer than
/// [`MAX_QUERY_CHARS`] or holds control characters.
pub fn clean_search_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()
        && text.chars().count() <= MAX_QUERY_CHARS
        && !text.chars().any(char::is_control))
    .then(|| text.to_string())
}

/// Percent-encodes a query-string value.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl PlaceFilter {
    /// The query that asks for exactly this filter (a neighbourhood by its slug).
    pub fn to_query(&self) -> PlaceQuery {
        PlaceQuery {
            kind: self.kind.map(|k| k.slug().to_string()),
            neighbourhood: self.neighbourhood.clone(),
            feature: self.feature.map(|f| f.slug().to_string()),
            open: self.open_now.then(|| "1".to_string()),
            text: self.text.clone(),
            page: None,
        }
    }
}

impl PlaceQuery {
    /// Checks every value. Valid parts are kept even when others are refused, so the page can
    /// show results for what made sense beside a message for what did not.
    pub fn parse(&self) -> (PlaceFilter, Vec<FilterError>) {
        let mut filter = PlaceFilter::default();
        let mut errors = Vec::new();
        let mut refuse = |field, problem| errors.push(FilterError { field, problem });

        if let Some(kind) = non_empty(&self.kind) {
            match PlaceKind::from_slug(kind) {
                Some(kind) => filter.kind = Some(kind),
                None => refuse(FilterField::Kind, FilterProblem::Unknown),
            }
        }
        // A neighbourhood is typed: its slug, its name or a postcode, which the server
        // resolves; here only text that cannot be anything is refused.
        if let Some(text) = non_empty(&self.neighbourhood) {
            match clean_search_text(text) {
                Some(text) => filter.neighbourhood = Some(text),
                None => refuse(FilterField::Neighbourhood, FilterProblem::Unknown),
            }
        }
        if let Some(feature) = non_empty(&self.feature) {
            match Feature::from_slug(feature) {
                Some(feature) => filter.feature = Some(feature),
                None => refuse(FilterField::Feature, FilterProblem::Unknown),
            }
        }
        if let Some(open) = non_empty(&self.open) {
            match open {
                "1" | "on" | "ja" => filter.open_now = true,
                "0" | "nee" => {}
                _ => refuse(FilterField::OpenNow, FilterProblem::Unknown),
            }
        }
        if let Some(text) = non_empty(&self.text) {
            if text.chars().count() > MAX_QUERY_CHARS {
                refuse(FilterField::Text, FilterProblem::TooLong);
            } else if text.chars().any(char::is_control) {
                refuse(FilterField::Text, FilterProblem::Unknown);
            } else {
                filter.text = Some(text.to_string());
            }
        }
        (filter, errors)
    }

    /// The page asked for: from 1; anything that is not a page number is the first page.
    pub fn page(&self) -> usize {
        non_empty(&self.page)
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1)
    }

    /// The address `path` with this query's filter and, past the first, the page.
    pub fn href(&self, path: &str, page: usize) -> String {
        let mut parts: Vec<String> = [
            ("soort", &self.kind),
            ("buurt", &self.neighbourhood),
            ("kenmerk", &self.feature),
            ("open", &self.open),
            ("q", &self.text),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .as_deref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{name}={}", encode_query_value(v)))
        })
        .collect();
        if page > 1 {
            parts.push(format!("pagina={page}"));
        }
        if parts.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    }

    /// Reads the query from `name=value` pairs, keeping the first value of each name.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut query = PlaceQuery::default();
        for (name, value) in pairs {
            let slot = match name {
                "soort" => &mut query.kind,
                "buurt" => &mut query.neighbourhood,
                "kenmerk" => &mut query.feature,
                "open" => &mut query.open,
                "q" => &mut query.text,
                "pagina" => &mut query.page,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.to_string());
            }
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> PlaceQuery {
        PlaceQuery::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn empty_query_is_no_filter() {
        assert_eq!(
            PlaceQuery::default().parse(),
            (PlaceFilter::default(), vec![])
        );
        let (filter, errors) = query(&[("soort", ""), ("q", "   ")]).parse();
        assert_eq!(filter, PlaceFilter::default());
        assert!(errors.is_empty());
    }

    #[test]
    fn valid_values_are_kept() {
        let (filter, errors) = query(&[
            ("soort", "bibliotheek"),
            ("buurt", "de-lindenhoek"),
            ("kenmerk", "stille-ruimte"),
            ("open", "1"),
            ("q", " koffie "),
        ])
        .parse();
        assert!(errors.is_empty());
        assert_eq!(
            filter,
            PlaceFilter {
                kind: Some(PlaceKind::Bibliotheek),
                neighbourhood: Some("de-lindenhoek".into()),
                feature: Some(Feature::QuietSpace),
                open_now: true,
                text: Some("koffie".into()),
            }
        );
    }

    #[test]
    fn invalid_values_are_refused_one_by_one() {
        let long = "x".repeat(MAX_QUERY_CHARS + 1);
        let (filter, errors) = query(&[
            ("soort", "kasteel"),
            ("buurt", "wijk\u{7}"),
            ("kenmerk", "<script>"),
            ("open", "misschien"),
            ("q", &long),
        ])
        .parse();
        assert_eq!(filter, PlaceFilter::default());
        let fields: Vec<_> = errors.iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![
                (FilterField::Kind, FilterProblem::Unknown),
                (FilterField::Neighbourhood, FilterProblem::Unknown),
                (FilterField::Feature, FilterProblem::Unknown),
                (FilterField::OpenNow, FilterProblem::Unknown),
                (FilterField::Text, FilterProblem::TooLong),
            ]
        );
    }

    #[test]
    fn a_filter_round_trips_through_its_query_and_address() {
        let filter = PlaceFilter {
            kind: Some(PlaceKind::Cafe),
            neighbourhood: Some("de-lindenhoek".into()),
            feature: Some(Feature::HearingLoop),
            open_now: true,
            text: Some("koffie & thee".into()),
        };
        assert_eq!(filter.to_query().parse(), (filter.clone(), vec![]));
        assert_eq!(
            filter.to_query().href("/kaart", 2),
            "/kaart?soort=cafe&buurt=de-lindenhoek&kenmerk=ringleiding&open=1\
             &q=koffie%20%26%20thee&pagina=2"
        );
        assert_eq!(PlaceQuery::default().href("/kaart", 1), "/kaart");
    }

    #[test]
    fn a_bad_value_does_not_drop_the_good_ones() {
        let (filter, errors) = query(&[("soort", "kasteel"), ("q", "bieb")]).parse();
        assert_eq!(filter.text.as_deref(), Some("bieb"));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let text = "é".repeat(MAX_QUERY_CHARS);
        let (filter, errors) = query(&[("q", &text)]).parse();
        assert!(errors.is_empty());
        assert_eq!(filter.text, Some(text));
    }
}
