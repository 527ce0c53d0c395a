//! A way back into an account without e-mail: a one-time reset code that a host, moderator
//! or administrator makes and hands over in person, and (where the server sends mail) a
//! link by e-mail. Both lead to the same new-password form.

use super::account::INVITE_ALPHABET;
use super::form::Problem;
use serde::{Deserialize, Serialize};

/// A reset code has eight characters, printed as `XXXX-XXXX`.
pub const RESET_CODE_LEN: usize = 8;
/// The characters of a reset code: upper case letters and digits without the look-alikes
/// 0/O and 1/I, so it can be read aloud and typed from paper (the invite codes' alphabet).
pub const RESET_ALPHABET: &[u8] = INVITE_ALPHABET;
/// How long a reset code works after it is made.
pub const CODE_VALID_SECONDS: i64 = 24 * 60 * 60;
/// How long a link sent by e-mail works.
pub const MAIL_LINK_VALID_SECONDS: i64 = 60 * 60;
/// The most accounts a search for a person offers at once.
pub const PEOPLE_SHOWN: usize = 10;
/// The most characters a search for a person takes.
pub const PERSON_QUERY_MAX: usize = 60;

/// The code as typed: case, spaces and dashes do not matter. Empty is `Required`; anything
/// that cannot be a code is `ResetCodeUnknown`, before the database is asked.
pub fn reset_code(value: &str) -> Result<String, Problem> {
    let code: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '–' | '—' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.is_empty() {
        Err(Problem::Required)
    } else if code.len() == RESET_CODE_LEN && code.bytes().all(|b| RESET_ALPHABET.contains(&b)) {
        Ok(code)
    } else {
        Err(Problem::ResetCodeUnknown)
    }
}

/// What a person typed to find someone: trimmed, without control characters, bounded.
/// `None` when nothing is left.
pub fn person_query(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(PERSON_QUERY_MAX)
        .collect();
    let cleaned = cleaned.trim().to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The username or e-mail address typed to ask for a link: trimmed, bounded.
pub fn username_or_email(value: &str) -> Result<String, Problem> {
    super::form::text(value, 1, super::account::EMAIL_MAX, false)
}

/// Whether a code can be made for a person, as the maker's page shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    /// A code can be made.
    Ready,
    /// The account has a role the maker may not reset (or it is the maker's own).
    NotAllowed,
    Suspended,
    Deleted,
}

/// An account found by what the maker typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub username: String,
    pub display_name: String,
    pub availability: Availability,
}

/// The maker's page: what was typed, and the accounts it could be.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleFound {
    pub typed: Option<String>,
    pub people: Vec<Person>,
    /// More accounts matched than are shown: type more of the name.
    pub more: bool,
}

/// A code just made, ready to hand over: on screen and on a printed slip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetSlip {
    /// As printed: `XXXX-XXXX`.
    pub code: String,
    pub username: String,
    pub display_name: String,
    /// The address to go to, with the code filled in.
    pub url: String,
    /// The page's address without the code, to type by hand.
    pub page_url: String,
    /// Made on the server from the URL alone; no user text goes into it.
    pub qr_svg: String,
    /// Until when the code works (Amsterdam wall clock).
    pub valid_until: super::discussion::Moment,
}

/// What the new-password page shows for the address it was opened with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// Opened without a link from an e-mail: the form asks for a code.
    NoLink,
    /// A link that still works: the form asks for the new password only.
    Valid,
    /// A link that is unknown, used or expired.
    Invalid,
}

/// The new-password page: which form it shows, and whether this server sends mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPage {
    pub link: LinkState,
    /// Links by e-mail can be asked for here.
    pub mail: bool,
}

/// How a stored code or link stands when someone uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeState {
    Unknown,
    Used,
    Expired,
    /// The account was deleted after the code was made.
    AccountDeleted,
    AccountSuspended,
    Usable {
        user_id: i64,
    },
}

impl CodeState {
    /// The state of a stored code at `now`.
    pub fn of(
        user_id: i64,
        expires_at: i64,
        used_at: Option<i64>,
        deleted: bool,
        suspended: bool,
        now: i64,
    ) -> CodeState {
        if used_at.is_some() {
            CodeState::Used
        } else if expires_at <= now {
            CodeState::Expired
        } else if deleted {
            CodeState::AccountDeleted
        } else if suspended {
            CodeState::AccountSuspended
        } else {
            CodeState::Usable { user_id }
        }
    }

    /// The problem beside the code field, unless the code can be used.
    pub fn problem(self) -> Option<Problem> {
        match self {
            CodeState::Unknown => Some(Problem::ResetCodeUnknown),
            CodeState::AccountDeleted => Some(Problem::AccountDeleted),
            CodeState::Used => Some(Problem::ResetCodeUsed),
            CodeState::Expired => Some(Problem::ResetCodeExpired),
            CodeState::AccountSuspended => Some(Problem::AccountSuspended),
            CodeState::Usable { .. } => None,
        }
    }
}

/// The text of the mail with a reset link, in plain text: the username (letters, digits and
/// `-_.` only) and the link are the only things filled in, so nothing typed by anyone can
/// shape the message, and its headers hold none of it.
pub fn mail_body(template: &str, username: &str, url: &str) -> String {
    crate::i18n::fill(template, &[("username", username), ("url", url)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_forgiving_to_type() {
        assert_eq!(reset_code("ABCD-EFGH"), Ok("ABCDEFGH".into()));
        assert_eq!(reset_code(" abcd efgh "), Ok("ABCDEFGH".into()));
        assert_eq!(reset_code("abcd–efgh"), Ok("ABCDEFGH".into()));
        assert_eq!(reset_code("ab-cd-ef-gh"), Ok("ABCDEFGH".into()));
        assert_eq!(reset_code("  "), Err(Problem::Required));
        assert_eq!(reset_code("ABCD-EFG"), Err(Problem::ResetCodeUnknown));
        assert_eq!(reset_code("ABCD-EFGHJ"), Err(Problem::ResetCodeUnknown));
        // 0, O, 1 and I are left out: they are read and typed for each other.
        for bad in [
            "ABCD-EFG0",
            "ABCD-EFGO",
            "ABCD-EFG1",
            "ABCD-EFGI",
            "ÄBCD-EFGH",
        ] {
            assert_eq!(reset_code(bad), Err(Problem::ResetCodeUnknown), "{bad}");
        }
    }

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        for c in [b'0', b'O', b'1', b'I'] {
            assert!(!RESET_ALPHABET.contains(&c));
        }
        assert_eq!(RESET_ALPHABET.len(), 32, "five bits a character, 40 a code");
        assert!(RESET_ALPHABET
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
    }

    #[test]
    fn a_code_is_printed_in_two_groups() {
        assert_eq!(super::super::invite::display_code("ABCDEFGH"), "ABCD-EFGH");
    }

    #[test]
    fn the_state_of_a_code() {
        let state = |expires, used, deleted, suspended| {
            CodeState::of(7, expires, used, deleted, suspended, 100)
        };
        assert_eq!(
            state(101, None, false, false),
            CodeState::Usable { user_id: 7 }
        );
        assert_eq!(state(100, None, false, false), CodeState::Expired);
        assert_eq!(state(101, Some(50), false, false), CodeState::Used);
        assert_eq!(state(90, Some(50), false, false), CodeState::Used);
        assert_eq!(state(101, None, true, false), CodeState::AccountDeleted);
        assert_eq!(state(101, None, false, true), CodeState::AccountSuspended);
        assert_eq!(
            CodeState::Unknown.problem(),
            Some(Problem::ResetCodeUnknown)
        );
        assert_eq!(CodeState::Usable { user_id: 7 }.problem(), None);
    }

    #[test]
    fn person_queries_are_bounded_and_clean() {
        assert_eq!(person_query("  "), None);
        assert_eq!(person_query(" Anna\u{0} "), Some("Anna".into()));
        assert_eq!(
            person_query(&"a".repeat(500)).map(|q| q.len()),
            Some(PERSON_QUERY_MAX)
        );
    }

    #[test]
    fn the_mail_fills_in_the_username_and_the_link_only() {
        let body = mail_body(
            "Hallo {username},\n{url}\n",
            "anna",
            "https://x.nl/wachtwoord-herstellen?sleutel=abc",
        );
        assert_eq!(
            body,
            "Hallo anna,\nhttps://x.nl/wachtwoord-herstellen?sleutel=abc\n"
        );
    }
}
