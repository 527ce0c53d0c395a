//! Activities as pages show them, and the rules for what a host fills in.

use super::form::{text, FormErrors, Problem};
use serde::{Deserialize, Serialize};

/// How many days ahead residents may join an occurrence; further ones are not open yet. It
/// also bounds what the account page reads.
pub const JOIN_DAYS_AHEAD: i32 = 90;

pub const TITLE_MAX: u32 = 120;
pub const DESCRIPTION_MAX: u32 = 2000;
pub const CAPACITY_MAX: u32 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RepeatKind {
    Once,
    Weekly,
    Fortnightly,
    Monthly,
}

impl RepeatKind {
    pub const ALL: [RepeatKind; 4] = [
        RepeatKind::Once,
        RepeatKind::Weekly,
        RepeatKind::Fortnightly,
        RepeatKind::Monthly,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            RepeatKind::Once => "once",
            RepeatKind::Weekly => "weekly",
            RepeatKind::Fortnightly => "fortnightly",
            RepeatKind::Monthly => "monthly",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

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

fn minute(value: &str) -> Option<u16> {
    super::hours::parse_minute(value.trim()).filter(|m| *m < 24 * 60)
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
        let start = errors.check("start", minute(&self.start).ok_or(Problem::BadTime));
        let end = errors.check("end", minute(&self.end).ok_or(Problem::BadTime));
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

/// Where one occurrence moves to, as typed: a day and a start time (it keeps its length).
pub fn validate_move(date: &str, start: &str) -> Result<(Day, u16), FormErrors> {
    let mut errors = FormErrors::new()
        .keep("new_date", date)
        .keep("new_start", start);
    let day = errors.check("new_date", Day::parse(date).ok_or(Problem::BadDate));
    let minute = errors.check("new_start", minute(start).ok_or(Problem::BadTime));
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

/// A series on the host's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSummary {
    pub id: i64,
    pub title: String,
    pub place_name: String,
    pub repeat: RepeatKind,
    /// Monday = 1.
    pub weekday: u8,
    pub first_date: String,
    pub start: String,
}

/// What happens to one date of a series, for its editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateState {
    AsPlanned,
    Cancelled,
    Moved {
        date: String,
        /// Monday = 1.
        weekday: u8,
        start: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesDate {
    /// The date the rule gives, `YYYY-MM-DD` (the occurrence's identity).
    pub original: String,
    pub weekday: u8,
    pub state: DateState,
}

/// An activity as its host edits it: the form filled in as stored, and the coming dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEditor {
    pub id: i64,
    pub place_name: String,
    pub place_slug: String,
    pub cancelled: bool,
    pub form: ActivityForm,
    pub dates: Vec<SeriesDate>,
    /// The host's other activities, which this one may lead to.
    pub choices: Vec<(i64, String)>,
}

/// The activity in person an online or hybrid one leads to, at its next date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadsTo {
    pub title: String,
    pub place_name: String,
    /// The page of its next occurrence, or of its place when it has none to come.
    pub path: String,
}

/// Where the viewer stands with an occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Joined {
    Confirmed,
    /// On the waiting list, at this place (1 = next in line).
    Waiting(u32),
}

/// A list of occurrences in time order, cut off at a limit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivityList {
    pub occurrences: Vec<OccurrenceView>,
    /// Where the next page begins (a `vanaf` value), when there is one.
    pub next: Option<String>,
    /// Whether this is the first page.
    pub first_page: bool,
    /// The place (slug, name) and neighbourhood the typed texts, or the resident's choice,
    /// named.
    pub place: Option<(String, String)>,
    pub neighbourhood: Option<super::Neighbourhood>,
    /// Typed text that named no place or neighbourhood exactly, and what it could be.
    pub place_unknown: bool,
    pub place_choices: Vec<(String, String)>,
    pub neighbourhood_unknown: bool,
    pub neighbourhood_choices: Vec<super::Neighbourhood>,
}

/// One occurrence of an activity, as lists and pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceView {
    pub activity_id: i64,
    /// The date the rule gave it (its identity), `YYYY-MM-DD`.
    pub original_date: String,
    /// The day it takes place, `YYYY-MM-DD`, and its local times `HH:MM`.
    pub date: String,
    pub weekday: u8,
    pub start: String,
    pub end: String,
    pub start_iso: String,
    pub moved: bool,
    pub title: String,
    pub description: String,
    pub place_slug: String,
    pub place_name: String,
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waiting: u32,
    pub cost_cents: u32,
    pub audience: String,
    pub accessibility: String,
    pub welcomer: String,
    pub online_url: Option<String>,
    /// The activity in person an online one leads to (on the occurrence page only).
    #[serde(default)]
    pub leads_to: Option<LeadsTo>,
    pub repeats: bool,
    pub joined: Option<Joined>,
}

impl OccurrenceView {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.confirmed >= c)
    }

    pub fn path(&self) -> String {
        format!("/activiteiten/{}/{}", self.activity_id, self.original_date)
    }
}

/// Someone coming to an occurrence, for the host's list and the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub signup_id: i64,
    pub name: String,
    pub waiting: bool,
    pub checked_in: bool,
    pub first_visit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_needs_a_real_day_and_time() {
        assert_eq!(
            validate_move("2026-12-08", "20:15").unwrap(),
            (
                Day {
                    year: 2026,
                    month: 12,
                    day: 8
                },
                20 * 60 + 15
            )
        );
        let errors = validate_move("2026-02-30", "25:00").unwrap_err();
        assert_eq!(errors.for_field("new_date"), Some(Problem::BadDate));
        assert_eq!(errors.for_field("new_start"), Some(Problem::BadTime));
        assert_eq!(errors.kept_value("new_date"), Some("2026-02-30"));
    }

    #[test]
    fn cost_text_round_trips_through_the_parser() {
        for cents in [0, 5, 250, 300, 100_000] {
            assert_eq!(cost_cents(&cost_text(cents)), Ok(cents));
        }
    }

    fn form() -> ActivityForm {
        ActivityForm {
            title: "Koffieochtend".into(),
            date: "2026-11-26".into(),
            start: "10:00".into(),
            end: "11:30".into(),
            repeat: "weekly".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form() {
        let input = form().validate().unwrap();
        assert_eq!((input.start_minute, input.duration_minutes), (600, 90));
        assert_eq!(input.repeat, RepeatKind::Weekly);
        assert_eq!((input.capacity, input.cost_cents), (None, 0));
    }

    #[test]
    fn each_problem_beside_its_field() {
        let bad = ActivityForm {
            end: "09:00".into(),
            capacity: "0".into(),
            cost: "twee euro".into(),
            online_url: "javascript:alert(1)".into(),
            until: "2026-11-01".into(),
            ..form()
        };
        let errors = bad.validate().unwrap_err();
        assert_eq!(errors.for_field("end"), Some(Problem::EndBeforeStart));
        assert_eq!(
            errors.for_field("capacity"),
            Some(Problem::OutOfRange {
                min: 1,
                max: CAPACITY_MAX
            })
        );
        assert_eq!(errors.for_field("cost"), Some(Problem::BadCharacters));
        assert_eq!(errors.for_field("online_url"), Some(Problem::BadUrl));
        assert_eq!(errors.for_field("until"), Some(Problem::EndBeforeStart));
        assert_eq!(errors.kept_value("title"), Some("Koffieochtend"));
        let negative = ActivityForm {
            capacity: "-3".into(),
            ..form()
        }
        .validate()
        .unwrap_err();
        assert!(negative.for_field("capacity").is_some());
        let nonsense = ActivityForm {
            date: "2026-02-30".into(),
            start: "25:00".into(),
            ..form()
        }
        .validate()
        .unwrap_err();
        assert_eq!(nonsense.for_field("date"), Some(Problem::BadDate));
        assert_eq!(nonsense.for_field("start"), Some(Problem::BadTime));
    }

    #[test]
    fn costs_as_people_type_them() {
        assert_eq!(cost_cents(""), Ok(0));
        assert_eq!(cost_cents("2,50"), Ok(250));
        assert_eq!(cost_cents("€ 3"), Ok(300));
        assert_eq!(cost_cents("1.5"), Ok(150));
        assert!(cost_cents("1,234").is_err());
        assert!(cost_cents("5000").is_err());
    }

    #[test]
    fn days() {
        assert_eq!(
            Day::parse("2028-02-29").map(Day::iso).as_deref(),
            Some("2028-02-29")
        );
        assert_eq!(Day::parse("2026-02-29"), None);
        assert_eq!(Day::parse("26-2-1"), None);
    }
}
