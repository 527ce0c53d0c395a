//! Accounts as the browser sees them, and the rules for what people type when signing up.

use super::form::{text, Problem};
use serde::{Deserialize, Serialize};

pub const USERNAME_MIN: u32 = 3;
pub const USERNAME_MAX: u32 = 32;
pub const DISPLAY_NAME_MAX: u32 = 60;
pub const PASSWORD_MIN: u32 = 10;
/// Long enough for any passphrase, short enough that hashing it costs nothing extra.
pub const PASSWORD_MAX: u32 = 256;
pub const EMAIL_MAX: u32 = 254;

/// The signed-in person, with what they may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub moderator: bool,
    pub admin: bool,
    /// Writes and publishes articles.
    #[serde(default)]
    pub editor: bool,
    pub suspended: bool,
    /// The places this person hosts.
    pub hosted_places: Vec<i64>,
}

impl Viewer {
    pub fn moderates(&self) -> bool {
        (self.moderator || self.admin) && !self.suspended
    }

    pub fn hosts(&self, place_id: i64) -> bool {
        self.hosted_places.contains(&place_id)
    }
}

/// A place someone hosts, for the account and invite pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HostedPlace {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub viewer: Viewer,
    pub email: Option<String>,
    /// The place where this person was given their invite.
    pub met_at: Option<HostedPlace>,
    pub hosted: Vec<HostedPlace>,
}

/// Letters, digits, `-`, `_` and `.`; what people can type on any phone and read aloud.
pub fn username(value: &str) -> Result<String, Problem> {
    let value = text(value, USERNAME_MIN, USERNAME_MAX, false)?;
    if value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        Ok(value)
    } else {
        Err(Problem::BadCharacters)
    }
}

pub fn display_name(value: &str) -> Result<String, Problem> {
    text(value, 1, DISPLAY_NAME_MAX, false)
}

/// Length is what makes a password strong; no composition rules.
pub fn new_password(value: &str) -> Result<String, Problem> {
    let chars = value.chars().count();
    if chars == 0 {
        Err(Problem::Required)
    } else if chars < PASSWORD_MIN as usize {
        Err(Problem::TooShort { min: PASSWORD_MIN })
    } else if chars > PASSWORD_MAX as usize {
        Err(Problem::TooLong { max: PASSWORD_MAX })
    } else {
        Ok(value.to_string())
    }
}

/// Optional: empty means none.
pub fn email(value: &str) -> Result<Option<String>, Problem> {
    let value = text(value, 0, EMAIL_MAX, false)?;
    if value.is_empty() {
        return Ok(None);
    }
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !value.chars().any(char::is_whitespace)
        && value.matches('@').count() == 1;
    if valid {
        Ok(Some(value))
    } else {
        Err(Problem::BadEmail)
    }
}

/// Invite codes are printed and typed from paper: upper case, no look-alike characters.
pub const INVITE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const INVITE_LEN: usize = 8;

/// Normalises a typed code (case, spaces, dashes); empty means no code.
pub fn invite_code(value: &str) -> Result<Option<String>, Problem> {
    let code: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.is_empty() {
        return Ok(None);
    }
    if code.len() == INVITE_LEN && code.bytes().all(|b| INVITE_ALPHABET.contains(&b)) {
        Ok(Some(code))
    } else {
        Err(Problem::UnknownCode)
    }
}

/// Everything the site holds about one account, as its owner downloads it (the right of
/// access and to data portability). Times are RFC 3339 in UTC.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnData {
    pub profile: OwnProfile,
    /// Every post and reaction written, whatever became of it.
    pub posts: Vec<OwnPost>,
    /// Every activity date joined, left or waited for.
    pub joins: Vec<OwnJoin>,
    /// Posts reported, with the reason given.
    pub reports: Vec<OwnReport>,
    /// Dates one asked for company on, or offered to go along ("Samen de eerste keer").
    #[serde(default)]
    pub first_times_together: Vec<OwnBuddy>,
    /// Dates joined that a host cancelled: the notices, read or not.
    #[serde(default)]
    pub cancellations: Vec<OwnCancellation>,
    pub hosted_places: Vec<String>,
    /// Whether a personal calendar address exists (the address itself is kept only as a
    /// hash, so it cannot be given back).
    pub calendar_feed_since: Option<String>,
    pub active_sessions: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnProfile {
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub created_at: String,
    pub moderator: bool,
    pub editor: bool,
    pub administrator: bool,
    pub suspended: bool,
    /// The place whose invite code was used to sign up.
    pub invited_at_place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnPost {
    pub id: i64,
    pub thread: String,
    pub url: String,
    /// `discussion`, `reactions` for a place's guest book, or `article` for reactions to
    /// an article.
    pub kind: String,
    pub status: String,
    pub text: String,
    pub created_at: String,
    pub edited_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnJoin {
    pub activity: String,
    pub place: String,
    pub date: String,
    /// `confirmed`, `waiting` or `cancelled`.
    pub status: String,
    pub joined_at: String,
    pub checked_in_at: Option<String>,
}

/// One's own part in a first time together; the other person's name is theirs, not kept
/// here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnBuddy {
    pub activity: String,
    pub place: String,
    pub date: String,
    /// `asked` for company, or `offered` to go along.
    pub role: String,
    pub note: String,
    pub paired: bool,
    pub came_together: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnCancellation {
    pub activity: String,
    pub place: String,
    /// The date it would have taken place.
    pub date: String,
    /// Whether the whole activity stopped (not only this date).
    pub whole_activity: bool,
    pub told_at: String,
    pub read_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnReport {
    pub post_id: i64,
    pub reason: String,
    pub created_at: String,
}

/// What happens to the posts of an account that is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeepPosts {
    /// They stay readable, signed "former member".
    Keep,
    /// Their text goes; their place in a conversation stays, so replies still make sense.
    Remove,
}

impl KeepPosts {
    pub fn from_form(value: &str) -> Option<Self> {
        match value {
            "houden" => Some(KeepPosts::Keep),
            "weghalen" => Some(KeepPosts::Remove),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(username(" anna.b "), Ok("anna.b".into()));
        assert_eq!(username("ab"), Err(Problem::TooShort { min: 3 }));
        assert_eq!(username("anna bakker"), Err(Problem::BadCharacters));
        assert_eq!(username("<script>"), Err(Problem::BadCharacters));
        assert_eq!(username("ännä"), Err(Problem::BadCharacters));
        assert_eq!(username(&"a".repeat(33)), Err(Problem::TooLong { max: 32 }));
    }

    #[test]
    fn passwords_are_judged_by_length() {
        assert_eq!(new_password(""), Err(Problem::Required));
        assert_eq!(new_password("kort"), Err(Problem::TooShort { min: 10 }));
        assert!(new_password("tien tekens").is_ok());
        assert_eq!(
            new_password(&"x".repeat(257)),
            Err(Problem::TooLong { max: 256 })
        );
    }

    #[test]
    fn emails_are_optional() {
        assert_eq!(email("  "), Ok(None));
        assert_eq!(email("a@b.nl"), Ok(Some("a@b.nl".into())));
        for bad in [
            "a", "a@b", "@b.nl", "a@b.nl.", "a b@c.nl", "a@@b.nl", "a@.nl",
        ] {
            assert_eq!(email(bad), Err(Problem::BadEmail), "{bad}");
        }
    }

    #[test]
    fn invite_codes_are_forgiving_to_type() {
        assert_eq!(invite_code("abcd-efgh"), Ok(Some("ABCDEFGH".into())));
        assert_eq!(invite_code(""), Ok(None));
        assert_eq!(invite_code("ABCDEFG0"), Err(Problem::UnknownCode));
        assert_eq!(invite_code("ABC"), Err(Problem::UnknownCode));
    }
}

/// Someone an administrator can pick in the role form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub username: String,
    pub display_name: String,
    pub moderator: bool,
    pub editor: bool,
    pub host: bool,
}

/// A place an administrator can pick in the role form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceChoice {
    pub slug: String,
    pub name: String,
    pub neighbourhood: String,
}

/// What the role form's searches found, and what was searched for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleChoices {
    pub person_text: String,
    pub place_text: String,
    pub people: Vec<PersonChoice>,
    pub places: Vec<PlaceChoice>,
}

/// How many people or places the role form offers for one search.
pub const ROLE_CHOICES: usize = 20;
