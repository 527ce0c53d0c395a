//! What a host fills in for an activity, and the rules it is checked against.

use super::{Day, RepeatKind, CAPACITY_MAX, DESCRIPTION_MAX, TITLE_MAX};
use crate::model::form::{text, FormErrors, Problem};
use crate::model::hours;
use serde::{Deserialize, Serialize};

/// What the activity form sends, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityForm {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub repeat: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub cost: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub accessibility: String,
    #[serde(default)]
    pub welcomer: String,
    #[serde(default)]
    pub online_url: String,
    /// The id of the activity in person this one leads to, or empty.
    #[serde(default)]
    pub leads_to: String,
}

/// A checked activity, ready for the store (the daylight-saving check needs the time zone
/// and happens on the server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityInput {
    pub title: String,
    pub description: String,
    pub date: Day,
    pub start_minute: u16,
    pub duration_minutes: u16,
    pub repeat: RepeatKind,
    pub until: Option<Day>,
    pub capacity: Option<u32>,
    pub cost_cents: u32,
    pub audience: String,
    pub accessibility: String,
    pub welcomer: String,
    pub online_url: Option<String>,
    pub leads_to: Option<i64>,
}

/// Euros as people type them: "", "0", "2,50", "€ 3".
pub fn cost_cents(value: &str) -> Result<u32, Problem> {
    let value = value
        .trim()
        .trim_start_matches('€')
        .trim()
        .replace(',', ".");
    if value.is_empty() {
        return Ok(0);
    }
    let (whole, cents) = value.split_once('.').unwrap_or((&value, ""));
    let euros: u32 = whole.parse().map_err(|_| Problem::BadCharacters)?;
    let cents: u32 = match cents.len() {
        0 => 0,
        1 => cents.parse::<u32>().map_err(|_| Problem::BadCharacters)? * 10,
        2 => cents.parse().map_err(|_| Problem::BadCharacters)?,
        _ => return Err(Problem::BadCharacters),
    };
    let total = euros
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .ok_or(Problem::TooLong { max: 1000 })?;
    if total > 100_000 {
        return Err(Problem::TooLong { max: 1000 });
    }
    Ok(total)
}

impl ActivityForm {
    /// No problems yet, and every value kept, so a form sent back keeps what was typed.
    pub fn keep_all(&self) -> FormErrors {
        let mut errors = FormErrors::new();
        for (name, value) in [
            ("title", &self.title),
            ("description", &self.description),
            ("date", &self.date),
            ("start", &self.start),
            ("end", &self.end),
            ("repeat", &self.repeat),
            ("until", &self.until),
            ("capacity", &self.capacity),
            ("cost", &self.cost),
            ("audience", &self.audience),
            ("accessibility", &self.accessibility),
            ("welcomer", &self.welcomer),
            ("online_url", &self.online_url),
            ("leads_to", &self.leads_to),
        ] {
            errors = errors.keep(name, value);
        }
        errors
    }

    /// Checks every field; the problems name the fields they belong to.
    pub fn validate(&self) -> Result<ActivityInput, FormErrors> {
        let mut errors = self.keep_all();
        let title = errors.check("title", text(&self.title, 3, TITLE_MAX, false));
        let description = errors.check(
            "description",
            text(&self.description, 0, DESCRIPTION_MAX, true),
        );
        let date = errors.check("date", Day::parse(&self.date).ok_or(Problem::BadDate));
        let start = errors.check(
            "start",
            hours::parse_time_of_day(&self.start).ok_or(Problem::BadTime),
        );
        let end = errors.check(
            "end",
            hours::parse_time_of_day(&self.end).ok_or(Problem::BadTime),
        );
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.add("end", Problem::EndBeforeStart);
            }
        }
        let repeat = errors.check(
            "repeat",
            if self.repeat.trim().is_empty() {
                Ok(RepeatKind::Once)
            } else {
                RepeatKind::from_slug(self.repeat.trim()).ok_or(Problem::BadCharacters)
            },
        );
        let until = if self.until.trim().is_empty() {
            Some(None)
        } else {
            errors.check(
                "until",
                Day::parse(&self.until).map(Some).ok_or(Problem::BadDate),
            )
        };
        if let (Some(date), Some(Some(until))) = (date, until) {
            if until < date {
                errors.add("until", Problem::EndBeforeStart);
            }
        }
        let capacity = if self.capacity.trim().is_empty() {
            Some(None)
        } else {
            errors.check(
                "capacity",
                match self.capacity.trim().parse::<i64>() {
                    Ok(n) if n >= 1 && n <= i64::from(CAPACITY_MAX) => Ok(Some(n as u32)),
                    Ok(_) => Err(Problem::OutOfRange {
                        min: 1,
                        max: CAPACITY_MAX,
                    }),
                    Err(_) => Err(Problem::NotANumber),
                },
            )
        };
        let cost = errors.check("cost", cost_cents(&self.cost));
        let audience = errors.check("audience", text(&self.audience, 0, 200, false));
        let accessibility = errors.check("accessibility", text(&self.accessibility, 0, 500, true));
        let welcomer = errors.check("welcomer", text(&self.welcomer, 0, 80, false));
        let online_url = errors.check(
            "online_url",
            match text(&self.online_url, 0, 500, false) {
                Ok(url) if url.is_empty() => Ok(None),
                Ok(url) if url.starts_with("https://") || url.starts_with("http://") => {
                    Ok(Some(url))
                }
                Ok(_) => Err(Problem::BadUrl),
                Err(problem) => Err(problem),
            },
        );
        let leads_to = errors.check(
            "leads_to",
            match self.leads_to.trim() {
                "" => Ok(None),
                id => id.parse::<i64>().map(Some).map_err(|_| Problem::NotANumber),
            },
        );
        match (
            title,
            description,
            date,
            start,
            end,
            repeat,
            until,
            capacity,
            cost,
            audience,
            accessibility,
            welcomer,
            online_url,
            leads_to,
        ) {
            (
                Some(title),
                Some(description),
                Some(date),
                Some(start),
                Some(end),
                Some(repeat),
                Some(until),
                Some(capacity),
                Some(cost_cents),
                Some(audience),
                Some(accessibility),
                Some(welcomer),
                Some(online_url),
                Some(leads_to),
            ) if errors.is_empty() => Ok(ActivityInput {
                title,
                description,
                date,
                start_minute: start,
                duration_minutes: end - start,
                repeat,
                until,
                capacity,
                cost_cents,
                audience,
                accessibility,
                welcomer,
                online_url,
                leads_to,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(feature = "ssr")]
impl ActivityForm {
    /// [`validate`](ActivityForm::validate), then the first start checked against the clock
    /// change: a time that does not exist that day is refused beside the start field.
    pub fn checked(&self) -> Result<ActivityInput, FormErrors> {
        let input = self.validate()?;
        let exists = input
            .date
            .to_date()
            .is_some_and(|date| super::schedule::strict_instant(date, input.start_minute).is_ok());
        if !exists {
            let mut errors = self.keep_all();
            errors.add("start", Problem::TimeDoesNotExist);
            return Err(errors);
        }
        Ok(input)
    }
}

/// Where one occurrence moves to, as typed: a day and a start time (it keeps its length).
pub fn validate_move(date: &str, start: &str) -> Result<(Day, u16), FormErrors> {
    let mut errors = FormErrors::new()
        .keep("new_date", date)
        .keep("new_start", start);
    let day = errors.check("new_date", Day::parse(date).ok_or(Problem::BadDate));
    let minute = errors.check(
        "new_start",
        hours::parse_time_of_day(start).ok_or(Problem::BadTime),
    );
    match (day, minute) {
        (Some(day), Some(minute)) if errors.is_empty() => Ok((day, minute)),
        _ => Err(errors),
    }
}

/// Cents as a host types euros: "" for free, otherwise "2,50".
pub fn cost_text(cents: u32) -> String {
    if cents == 0 {
        String::new()
    } else {
        format!("{},{:02}", cents / 100, cents % 100)
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
