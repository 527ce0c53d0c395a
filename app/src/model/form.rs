//! Field-level problems with submitted forms, and the values worth giving back.

use serde::{Deserialize, Serialize};

/// What is wrong with one field; the page shows it beside that field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    BadCharacters,
    BadEmail,
    Taken,
    Mismatch,
    WrongPassword,
    WrongAnswer,
    TooFast,
    Expired,
    UnknownCode,
    /// An invite code used as often as its host allowed.
    InviteUsedUp,
    /// An invite code past its last day.
    InviteExpired,
    UnknownUser,
    /// An activity id that names none (or the activity itself).
    UnknownActivity,
    UnknownNeighbourhood,
    BadDate,
    BadTime,
    EndBeforeStart,
    OutOfRange {
        min: u32,
        max: u32,
    },
    NotANumber,
    BadUrl,
    /// A local time skipped when the clocks go forward.
    TimeDoesNotExist,
    /// A moment that has already passed.
    Past,
    /// An uploaded file that is not a picture we can read (JPEG, PNG or WebP).
    NotAnImage,
    /// An uploaded file over the limit, in megabytes.
    FileTooLarge {
        max_mb: u32,
    },
    UnknownPlace,
    /// A reset code (or e-mail link) that was never made, or was replaced by a newer one.
    ResetCodeUnknown,
    /// A reset code (or e-mail link) that was already used.
    ResetCodeUsed,
    /// A reset code (or e-mail link) past its time.
    ResetCodeExpired,
    /// The account in question is suspended.
    AccountSuspended,
    /// The account in question was deleted.
    AccountDeleted,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// Everything wrong with a form, plus what the visitor typed (never passwords), so a form
/// re-rendered without JavaScript does not lose a long text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    pub fields: Vec<FieldError>,
    pub kept: Vec<(String, String)>,
}

impl FormErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, problem: Problem) {
        self.fields.push(FieldError {
            field: field.to_string(),
            problem,
        });
    }

    /// Records the problem, if any, of a field's validation result.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.add(field, problem);
                None
            }
        }
    }

    pub fn keep(mut self, field: &str, value: &str) -> Self {
        self.kept.push((field.to_string(), value.to_string()));
        self
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<Problem> {
        self.fields
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.problem)
    }

    pub fn kept_value(&self, field: &str) -> Option<&str> {
        self.kept
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// `Err` with these errors when there are any (`?` in a server function turns them into
    /// an invalid-form error).
    pub fn into_result(self) -> Result<(), FormErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// A trimmed text of `min..=max` characters without control characters (newlines allowed
/// only where `multiline`).
pub fn text(value: &str, min: u32, max: u32, multiline: bool) -> Result<String, Problem> {
    let value = value.trim();
    let chars = value.chars().count();
    if chars == 0 && min > 0 {
        return Err(Problem::Required);
    }
    if chars < min as usize {
        return Err(Problem::TooShort { min });
    }
    if chars > max as usize {
        return Err(Problem::TooLong { max });
    }
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t'));
    if value.chars().any(bad) {
        return Err(Problem::BadCharacters);
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(text("  hoi  ", 1, 10, false), Ok("hoi".into()));
        assert_eq!(text("   ", 1, 10, false), Err(Problem::Required));
        assert_eq!(text("ab", 3, 10, false), Err(Problem::TooShort { min: 3 }));
        assert_eq!(text("ééééé", 1, 4, false), Err(Problem::TooLong { max: 4 }));
        assert_eq!(text("a\nb", 1, 10, false), Err(Problem::BadCharacters));
        assert_eq!(text("a\nb", 1, 10, true), Ok("a\nb".into()));
        assert_eq!(text("a\u{0}b", 1, 10, true), Err(Problem::BadCharacters));
        assert_eq!(text("", 0, 10, false), Ok(String::new()));
    }

    #[test]
    fn errors_are_found_by_field() {
        let mut errors = FormErrors::new();
        assert_eq!(errors.check("a", text("x", 1, 5, false)), Some("x".into()));
        assert_eq!(errors.check("b", text("", 1, 5, false)), None);
        let errors = errors.keep("b", "typed");
        assert_eq!(errors.for_field("b"), Some(Problem::Required));
        assert_eq!(errors.for_field("a"), None);
        assert_eq!(errors.kept_value("b"), Some("typed"));
        assert!(errors.into_result().is_err());
        assert!(FormErrors::new().into_result().is_ok());
    }
}
