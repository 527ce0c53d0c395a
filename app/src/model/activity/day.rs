//! A calendar day as forms and addresses carry it.

use serde::{Deserialize, Serialize};

/// A calendar date as `(year, month, day)`, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day {
    pub year: i16,
    pub month: i8,
    pub day: i8,
}

impl Day {
    /// `YYYY-MM-DD`, a real date between 2000 and 2100.
    pub fn parse(value: &str) -> Option<Day> {
        let value = value.trim();
        let mut parts = value.splitn(3, '-');
        let year: i16 = parts.next()?.parse().ok()?;
        let month: i8 = parts.next()?.parse().ok()?;
        let day: i8 = parts.next()?.parse().ok()?;
        if value.len() != 10 || !(2000..=2100).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=days)
            .contains(&day)
            .then_some(Day { year, month, day })
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The one way between a [`Day`] and jiff's civil date, on the server.
#[cfg(feature = "ssr")]
impl Day {
    /// The civil date; every `Day` that [`Day::parse`] made is one.
    pub fn to_date(self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year, self.month, self.day).ok()
    }

    pub fn of(date: jiff::civil::Date) -> Day {
        Day {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }

    /// A `YYYY-MM-DD` text (a form field, an address, a stored column) as a civil date.
    pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
        Day::parse(text).and_then(Day::to_date)
    }
}
