//! Articles (stories) by editors: what the pages show, and the rules for what an editor types.

use super::discussion::{GuestForm, Moment, Post};
use super::form::{text, Problem};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: u32 = 120;
pub const LEAD_MAX: u32 = 400;
pub const BODY_MAX: u32 = 20_000;
pub const ALT_MAX: u32 = 200;
pub const TAG_MAX: usize = 40;
pub const TAGS_MAX: u32 = 8;
/// Places and neighbourhoods one article may be about.
pub const LINKS_MAX: u32 = 10;
pub const SLUG_MAX: usize = 80;
/// The largest cover image accepted, before it is decoded.
pub const IMAGE_MAX_BYTES: usize = 5 * 1024 * 1024;
pub const IMAGE_MAX_MB: u32 = 5;
/// The widths a cover is stored at: the article page and the lists.
pub const COVER_WIDTH: u32 = 1600;
pub const COVER_SMALL_WIDTH: u32 = 640;
/// Articles on one page of the list.
pub const PAGE_SIZE: u32 = 10;

/// A cover image as the pages show it: the large variant's size, and the alt text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cover {
    pub image_id: i64,
    pub width: u32,
    pub height: u32,
    pub small_width: u32,
    pub alt: String,
}

impl Cover {
    pub fn src(&self, width: u32) -> String {
        format!("/afbeeldingen/{}-{width}.jpg", self.image_id)
    }

    /// Both widths, or the one there is when the picture was no wider than the small one.
    pub fn srcset(&self) -> String {
        if self.small_width >= self.width {
            return format!("{} {}w", self.src(self.width), self.width);
        }
        format!(
            "{} {}w, {} {}w",
            self.src(self.small_width),
            self.small_width,
            self.src(self.width),
            self.width
        )
    }

    /// The height of the small variant, in the cover's proportions.
    pub fn small_height(&self) -> u32 {
        scaled_height(self.width, self.height, self.small_width)
    }
}

/// An article in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub cover: Option<Cover>,
    /// `None` for a draft.
    pub published: Option<Moment>,
}

/// A place or neighbourhood an article is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedName {
    pub slug: String,
    pub name: String,
}

/// An article page: the article, what it is about, related ones, and its reactions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body_source: String,
    pub body_html: String,
    pub cover: Option<Cover>,
    pub tags: Vec<String>,
    pub places: Vec<LinkedName>,
    pub neighbourhoods: Vec<LinkedName>,
    pub published_at: Option<i64>,
    pub published: Option<Moment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub article: Article,
    /// Not yet public: a draft or scheduled; only editors see it, as a preview.
    pub preview: bool,
    pub can_edit: bool,
    pub related: Vec<ArticleSummary>,
    pub reactions: Vec<Post>,
    pub signed_in: bool,
    pub guest_form: GuestForm,
}

/// One page of the list, for everyone or for a tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleList {
    pub articles: Vec<ArticleSummary>,
    pub tag: Option<String>,
    pub page: u32,
    pub more: bool,
    /// Drafts and scheduled articles, for editors only.
    pub drafts: Vec<ArticleSummary>,
    pub can_write: bool,
}

/// What the editor page fills its form with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDraft {
    pub id: Option<i64>,
    pub slug: String,
    pub title: String,
    pub lead: String,
    pub body: String,
    pub tags: String,
    pub places: String,
    pub neighbourhoods: String,
    pub cover_alt: String,
    pub has_cover: bool,
    /// The publish time as `jjjj-mm-ddTuu:mm` in Amsterdam, empty for a draft.
    pub publish_at: String,
}

/// The height of an image `width`×`height` scaled to `to_width`, never 0.
pub fn scaled_height(width: u32, height: u32, to_width: u32) -> u32 {
    if width == 0 {
        return 1;
    }
    let scaled = u64::from(height) * u64::from(to_width) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

/// Letters as they would be typed on a phone without accents: `café` and `cafe` are one tag.
fn fold(c: char) -> Option<char> {
    let c = c.to_lowercase().next().unwrap_or(c);
    Some(match c {
        'a'..='z' | '0'..='9' => c,
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        _ => return None,
    })
}

/// Lowercase ASCII words joined by `-`, at most `max` bytes, cut at a word boundary when it
/// can be: the slug of a tag, an article, or an imported place.
pub fn slug_words(value: &str, max: usize) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in value.chars() {
        match fold(c) {
            Some(c) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(c);
            }
            None => gap = true,
        }
    }
    if out.len() > max {
        let cut = out[..max]
            .rfind('-')
            .filter(|&at| at > max / 2)
            .unwrap_or(max);
        out.truncate(cut);
    }
    out.trim_matches('-').to_string()
}

/// A tag as stored and put in addresses: `Samen Koken!` becomes `samen-koken`.
pub fn normalise_tag(value: &str) -> Option<String> {
    let tag = slug_words(value, TAG_MAX);
    (!tag.is_empty()).then_some(tag)
}

/// The tags typed in one field, separated by commas: normalised, without repeats, in order.
pub fn tags(value: &str) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for tag in value.split(',').filter_map(normalise_tag) {
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if out.len() > TAGS_MAX as usize {
        return Err(Problem::OutOfRange {
            min: 0,
            max: TAGS_MAX,
        });
    }
    Ok(out)
}

/// An article's address from its title; never empty.
pub fn slug_from_title(title: &str) -> String {
    let slug = slug_words(title, 60);
    if slug.is_empty() {
        "artikel".to_string()
    } else {
        slug
    }
}

/// The same slug with a number after it, for a title used before.
pub fn numbered_slug(slug: &str, number: u32) -> String {
    format!("{slug}-{number}")
}

pub fn is_valid_slug(slug: &str) -> bool {
    slug.len() <= SLUG_MAX && super::place::is_valid_slug(slug)
}

pub fn is_valid_tag(tag: &str) -> bool {
    tag.len() <= TAG_MAX && super::place::is_valid_slug(tag)
}

pub fn title(value: &str) -> Result<String, Problem> {
    text(value, 1, TITLE_MAX, false)
}

pub fn lead(value: &str) -> Result<String, Problem> {
    text(value, 1, LEAD_MAX, true)
}

pub fn body(value: &str) -> Result<String, Problem> {
    text(value, 1, BODY_MAX, true)
}

/// Alt text is required whenever there is an image: it is what a screen reader says.
pub fn cover_alt(value: &str) -> Result<String, Problem> {
    text(value, 1, ALT_MAX, false)
}

/// The addresses (slugs) typed in one field, separated by commas or spaces, without repeats.
pub fn slugs(value: &str) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for slug in value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let slug = slug.trim_matches('/').to_lowercase();
        let slug = slug.rsplit('/').next().unwrap_or_default().to_string();
        if !super::place::is_valid_slug(&slug) {
            return Err(Problem::BadCharacters);
        }
        if !out.contains(&slug) {
            out.push(slug);
        }
    }
    if out.len() > LINKS_MAX as usize {
        return Err(Problem::OutOfRange {
            min: 0,
            max: LINKS_MAX,
        });
    }
    Ok(out)
}

/// Whether an article published at `published_at` (None: a draft) is public at `now`.
pub fn is_public(published_at: Option<i64>, now: i64) -> bool {
    published_at.is_some_and(|at| at <= now)
}

/// How the editor's form says when to publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publish {
    /// Keep it a draft (no publish time).
    Draft,
    /// Publish at the time in the form, or now when it is empty.
    Publish,
}

impl Publish {
    pub fn parse(value: &str) -> Option<Publish> {
        match value {
            "concept" => Some(Publish::Draft),
            "publiceer" => Some(Publish::Publish),
            _ => None,
        }
    }
}

#[cfg(test)]
#[path = "article_tests.rs"]
mod tests;
