//! Turns `locales/*.json` into typed Rust: one `Texts` struct with a field per key and one
//! static per language. A key missing from a language, or a placeholder that differs between
//! languages, fails the build instead of showing up as a blank on a page.
//!
//! A text that counts something is an object `{"one": …, "other": …}` instead of a string:
//! it becomes a [`Plural`] field, and `texts.key.of(n)` picks the form for `n` and fills
//! `{count}`, so no page writes "1 reacties" by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const LOCALES: [(&str, &str); 2] = [("NL", "nl"), ("EN", "en")];

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                found.insert(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    found
}

/// One entry of a locale file: a plain text, or the forms of a counted text.
#[derive(Debug)]
enum Entry {
    Text(String),
    Plural { one: String, other: String },
}

impl Entry {
    fn placeholders(&self) -> BTreeSet<String> {
        match self {
            Entry::Text(text) => placeholders(text),
            Entry::Plural { one, other } => {
                let mut all = placeholders(one);
                all.extend(placeholders(other));
                all
            }
        }
    }

    fn text(&self, key: &str) -> &str {
        match self {
            Entry::Text(text) => text,
            Entry::Plural { .. } => panic!("{key} must be a plain text, not a plural"),
        }
    }
}

fn load(code: &str) -> BTreeMap<String, Entry> {
    let path = format!("locales/{code}.json");
    println!("cargo:rerun-if-changed={path}");
    let raw = fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let value: serde_json::Value =
        serde_json::from_str(&raw).unwrap_or_else(|e| panic!("parsing {path}: {e}"));
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{path} must hold one JSON object of key: text"));
    object
        .iter()
        .map(|(key, value)| {
            let entry = match value {
                serde_json::Value::String(text) => Entry::Text(text.clone()),
                serde_json::Value::Object(forms) => {
                    let form = |name: &str| {
                        forms
                            .get(name)
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_else(|| {
                                panic!("{path}: plural {key} needs a text \"{name}\"")
                            })
                            .to_string()
                    };
                    assert_eq!(
                        forms.len(),
                        2,
                        "{path}: plural {key} has exactly the forms \"one\" and \"other\""
                    );
                    let other = form("other");
                    assert!(
                        other.contains("{count}"),
                        "{path}: the \"other\" form of {key} must show {{count}}"
                    );
                    Entry::Plural {
                        one: form("one"),
                        other,
                    }
                }
                _ => panic!("{path}: the value of {key} must be a text or {{\"one\", \"other\"}}"),
            };
            let valid = key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            assert!(valid, "{path}: key {key:?} must be snake_case");
            (key.clone(), entry)
        })
        .collect()
}

fn main() {
    let tables: Vec<(&str, BTreeMap<String, Entry>)> = LOCALES
        .iter()
        .map(|(name, code)| (*name, load(code)))
        .collect();
    let (_, reference) = &tables[0];
    for (name, table) in &tables[1..] {
        let missing: Vec<_> = reference
            .keys()
            .filter(|k| !table.contains_key(*k))
            .collect();
        let extra: Vec<_> = table
            .keys()
            .filter(|k| !reference.contains_key(*k))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "locale {name}: missing keys {missing:?}, keys not in nl {extra:?}"
        );
        for (key, entry) in table {
            assert_eq!(
                matches!(entry, Entry::Plural { .. }),
                matches!(reference[key], Entry::Plural { .. }),
                "locale {name}: {key} is a plural in one language and a text in the other"
            );
            assert_eq!(
                entry.placeholders(),
                reference[key].placeholders(),
                "locale {name}: placeholders of {key} differ from nl"
            );
        }
    }

    let mut out =
        String::from("/// Every user-facing text, one field per key of `locales/nl.json`.\n");
    out.push_str("#[derive(Debug)]\npub struct Texts {\n");
    for (key, entry) in reference {
        let kind = match entry {
            Entry::Text(_) => "&'static str",
            Entry::Plural { .. } => "Plural",
        };
        let _ = writeln!(out, "    pub {key}: {kind},");
    }
    out.push_str("}\n");
    for (name, table) in &tables {
        let _ = writeln!(out, "pub static {name}: Texts = Texts {{");
        for (key, entry) in table {
            match entry {
                Entry::Text(text) => {
                    let _ = writeln!(out, "    {key}: {text:?},");
                }
                Entry::Plural { one, other } => {
                    let _ = writeln!(
                        out,
                        "    {key}: Plural {{ one: {one:?}, other: {other:?} }},"
                    );
                }
            }
        }
        out.push_str("};\n");
    }
    // The words for a field's problem travel to the browser with an island that checks a
    // form as it is typed: only those, not every text of both languages, one per line in an
    // attribute of the form (an island prop would cost the wasm a JSON parser).
    let problem_keys: Vec<&String> = reference
        .keys()
        .filter(|k| k.starts_with("problem_"))
        .collect();
    for (name, table) in &tables {
        for key in &problem_keys {
            assert!(
                !table[key.as_str()].text(key).contains('\n'),
                "locale {name}: {key} must be one line"
            );
        }
    }
    out.push_str(
        "/// The texts for problems with a field (the `problem_*` keys), in key order.\n\
         #[derive(Clone, Debug, PartialEq)]\n\
         pub struct ProblemTexts(Vec<String>);\n\
         #[allow(clippy::get_first)]\n\
         impl ProblemTexts {\n\
         \x20   /// One text per line, for an attribute an island reads.\n\
         \x20   pub fn to_lines(&self) -> String { self.0.join(\"\\n\") }\n\
         \x20   /// Read back from [`Self::to_lines`].\n\
         \x20   pub fn from_lines(lines: &str) -> Self { Self(lines.split('\\n').map(str::to_string).collect()) }\n",
    );
    for (index, key) in problem_keys.iter().enumerate() {
        let _ = writeln!(
            out,
            "    pub fn {key}(&self) -> &str {{ self.0.get({index}).map_or(\"\", |text| text) }}"
        );
    }
    out.push_str("}\nimpl Texts {\n    /// This language's problem texts.\n    pub fn problems(&self) -> ProblemTexts {\n        ProblemTexts(vec![\n");
    for key in &problem_keys {
        let _ = writeln!(out, "            self.{key}.to_string(),");
    }
    out.push_str("        ])\n    }\n}\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).join("texts.rs");
    fs::write(dest, out).expect("writing texts.rs");
}
