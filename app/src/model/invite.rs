//! Invite codes as the host's page shows them.

use super::{activity::Day, discussion::Moment, form::Problem};
use serde::{Deserialize, Serialize};

/// The most uses a host can set for one code.
pub const MAX_USES_LIMIT: u32 = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    pub code: String,
    pub uses: i64,
    /// How often the code may be used; `None`: without limit.
    pub max_uses: Option<i64>,
    /// The last day the code works (`dd-mm-yyyy`); `None`: no end.
    pub last_day: Option<String>,
    /// Still lets someone sign up: not used up, not expired.
    pub usable: bool,
    pub created: Moment,
    pub place_id: i64,
    pub place_slug: String,
    pub place_name: String,
}

/// The use limit a host typed; empty means no limit.
pub fn max_uses(value: &str) -> Result<Option<u32>, Problem> {
    match value.trim() {
        "" => Ok(None),
        text => match text.parse::<i64>() {
            Ok(n) if (1..=i64::from(MAX_USES_LIMIT)).contains(&n) => Ok(Some(n as u32)),
            Ok(_) => Err(Problem::OutOfRange {
                min: 1,
                max: MAX_USES_LIMIT,
            }),
            Err(_) => Err(Problem::NotANumber),
        },
    }
}

/// The last day a code works, `YYYY-MM-DD` as a date field sends it; empty means no end.
/// Today is the earliest.
pub fn last_day(value: &str, today: Day) -> Result<Option<Day>, Problem> {
    match value.trim() {
        "" => Ok(None),
        text => {
            let day = Day::parse(text).ok_or(Problem::BadDate)?;
            if day < today {
                Err(Problem::Past)
            } else {
                Ok(Some(day))
            }
        }
    }
}

/// The code as printed: two groups of four, easy to read aloud and type.
pub fn display_code(code: &str) -> String {
    if code.len() == 8 && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

/// One code ready to print: the link it stands for and that link as a QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCard {
    pub invite: Invite,
    pub url: String,
    /// Made on the server from the URL alone; no user text goes into it.
    pub qr_svg: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePage {
    pub places: Vec<super::account::HostedPlace>,
    pub cards: Vec<InviteCard>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_optional_and_checked() {
        assert_eq!(max_uses(" "), Ok(None));
        assert_eq!(max_uses("3"), Ok(Some(3)));
        assert_eq!(max_uses("veel"), Err(Problem::NotANumber));
        assert_eq!(
            max_uses("0"),
            Err(Problem::OutOfRange {
                min: 1,
                max: MAX_USES_LIMIT
            })
        );
        let today = Day::parse("2026-11-24").unwrap();
        assert_eq!(last_day("", today), Ok(None));
        assert_eq!(last_day("2026-11-24", today), Ok(Some(today)));
        assert_eq!(last_day("2026-11-23", today), Err(Problem::Past));
        assert_eq!(last_day("24-11-2026", today), Err(Problem::BadDate));
    }
}
