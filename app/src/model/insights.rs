//! Insights for hosts and social workers: what happens per place and activity, week by week,
//! only ever as counts, and small counts never exactly.
//!
//! What is counted, per occurrence of an activity (a week runs Monday to Sunday, by the
//! occurrence's own date):
//! - a **visit** is a signed-up resident checked in at the door, or one person of a walk-in;
//! - a checked-in resident's visit is a **first visit** when it is their first check-in at
//!   that place ever (earliest occurrence date, then earliest signup), found from all history,
//!   not only the chosen period; every later check-in there is a **returning** visit. A
//!   walk-in counts as first or returning by what the host ticked at the door;
//! - **with a buddy**: first visits of residents who asked for company and were checked in
//!   together with their buddy at the door ("Samen de eerste keer", `model::buddy`);
//! - **via an invite**: checked-in visits of residents who signed up with an invite code
//!   handed out at that place;
//! - **full**: occurrences with a capacity whose confirmed signups reach it; **waiting**:
//!   signups on a waiting list; **cancelled**: signups the resident cancelled.

use serde::{Deserialize, Serialize};

/// Counts from 1 up to this one (excluded) are shown as "< 5", never exactly.
pub const SMALLEST_SHOWN: u32 = 5;
pub const DEFAULT_WEEKS: u32 = 12;
/// A year: the longest period one page or file covers.
pub const MAX_WEEKS: u32 = 52;

/// A count as it may be shown: none, a few (1 to 4, not saying how many), or exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Exact(u32),
    Few,
}

/// The privacy rule for every count on the insights pages and in their files.
pub fn shown(count: u32) -> Shown {
    if count > 0 && count < SMALLEST_SHOWN {
        Shown::Few
    } else {
        Shown::Exact(count)
    }
}

impl Shown {
    pub fn text(self) -> String {
        match self {
            Shown::Exact(n) => n.to_string(),
            Shown::Few => format!("< {SMALLEST_SHOWN}"),
        }
    }

    /// The height a chart draws: a few is drawn as the most it could be, so a bar never
    /// tells more than the table.
    pub fn chart_value(self) -> u32 {
        match self {
            Shown::Exact(n) => n,
            Shown::Few => SMALLEST_SHOWN - 1,
        }
    }
}

/// The count as text, after the privacy rule.
pub fn count_text(count: u32) -> String {
    shown(count).text()
}

/// A whole percentage of `part` in `whole`, only when neither is a small count it could
/// give away; `None` otherwise (and when there is nothing to divide).
pub fn share(part: u32, whole: u32) -> Option<u32> {
    if whole == 0 || shown(part) == Shown::Few || shown(whole) == Shown::Few {
        return None;
    }
    let percent = (u64::from(part) * 100 + u64::from(whole) / 2) / u64::from(whole);
    u32::try_from(percent).ok()
}

/// What happened in one week (or a whole period) at an activity, a place or several places.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub visits: u32,
    pub first_visits: u32,
    /// First visits that came together with a buddy.
    #[serde(default)]
    pub with_buddy: u32,
    pub invited: u32,
    pub full: u32,
    pub waiting: u32,
    pub cancelled: u32,
}

impl Counts {
    pub fn returning(&self) -> u32 {
        self.visits.saturating_sub(self.first_visits)
    }

    pub fn add(&mut self, other: &Counts) {
        self.visits += other.visits;
        self.first_visits += other.first_visits;
        self.with_buddy += other.with_buddy;
        self.invited += other.invited;
        self.full += other.full;
        self.waiting += other.waiting;
        self.cancelled += other.cancelled;
    }

    /// The counts in table order, as shown: visits, first, first with a buddy, returning,
    /// via an invite, full, waiting, cancelled.
    pub fn cells(&self) -> [String; 8] {
        [
            self.visits,
            self.first_visits,
            self.with_buddy,
            self.returning(),
            self.invited,
            self.full,
            self.waiting,
            self.cancelled,
        ]
        .map(count_text)
    }
}

/// One week: its Monday (`YYYY-MM-DD`) and its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    pub monday: String,
    pub counts: Counts,
}

/// Every week of the period in order, with the counts found for it (none for a quiet week);
/// counts for the same week are added up, counts outside the period left out.
pub fn weeks_of(mondays: &[String], found: &[(String, Counts)]) -> Vec<Week> {
    mondays
        .iter()
        .map(|monday| {
            let mut counts = Counts::default();
            for (week, c) in found {
                if week == monday {
                    counts.add(c);
                }
            }
            Week {
                monday: monday.clone(),
                counts,
            }
        })
        .collect()
}

/// The sum of several counts.
pub fn total<'a>(counts: impl IntoIterator<Item = &'a Counts>) -> Counts {
    let mut sum = Counts::default();
    for c in counts {
        sum.add(c);
    }
    sum
}

/// The period the pages and files cover: `weeks` whole weeks up to the one holding `until`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub weeks: u32,
    /// The day the period runs up to, as asked (`YYYY-MM-DD`).
    pub until: String,
    pub mondays: Vec<String>,
    /// The first and last day it covers (a Monday and a Sunday).
    pub first_day: String,
    pub last_day: String,
}

impl Period {
    /// The query string that asks for this period again (for a link to the file).
    pub fn query(&self) -> String {
        format!("weken={}&tot={}", self.weeks, self.until)
    }
}

/// The number of weeks someone typed: 1 to [`MAX_WEEKS`].
pub fn weeks_field(value: &str) -> Result<u32, super::form::Problem> {
    use super::form::Problem;
    match value.trim().parse::<i64>() {
        Ok(n) if (1..=i64::from(MAX_WEEKS)).contains(&n) => {
            u32::try_from(n).map_err(|_| Problem::NotANumber)
        }
        Ok(_) => Err(Problem::OutOfRange {
            min: 1,
            max: MAX_WEEKS,
        }),
        Err(_) => Err(Problem::NotANumber),
    }
}

#[cfg(feature = "ssr")]
impl Period {
    /// The period for what the form sent (either may be missing or empty): what was wrong
    /// is reported per field, and the default used in its place.
    pub fn from_form(
        weeks: Option<&str>,
        until: Option<&str>,
        today: jiff::civil::Date,
    ) -> (Period, super::form::FormErrors) {
        use super::activity::Day;
        use super::form::{FormErrors, Problem};
        let mut errors = FormErrors::new();
        let weeks = match weeks.map(str::trim).filter(|w| !w.is_empty()) {
            None => DEFAULT_WEEKS,
            Some(value) => {
                errors = errors.keep("weken", value);
                errors
                    .check("weken", weeks_field(value))
                    .unwrap_or(DEFAULT_WEEKS)
            }
        };
        let until = match until.map(str::trim).filter(|u| !u.is_empty()) {
            None => today,
            Some(value) => {
                errors = errors.keep("tot", value);
                let date = Day::parse_date(value).ok_or(Problem::BadDate);
                errors.check("tot", date).unwrap_or(today)
            }
        };
        (Period::ending(until, weeks), errors)
    }

    /// `weeks` whole weeks, the last one holding `until`.
    pub fn ending(until: jiff::civil::Date, weeks: u32) -> Period {
        use jiff::ToSpan;
        let back = i64::from(until.weekday().to_monday_zero_offset());
        let last_monday = until.checked_sub(back.days()).unwrap_or(until);
        let mondays: Vec<jiff::civil::Date> = (0..i64::from(weeks.max(1)))
            .rev()
            .filter_map(|n| last_monday.checked_sub((7 * n).days()).ok())
            .collect();
        let first = mondays.first().copied().unwrap_or(last_monday);
        let last_day = last_monday.checked_add(6.days()).unwrap_or(last_monday);
        Period {
            weeks: u32::try_from(mondays.len()).unwrap_or(1),
            until: until.to_string(),
            mondays: mondays.iter().map(ToString::to_string).collect(),
            first_day: first.to_string(),
            last_day: last_day.to_string(),
        }
    }
}

/// A CSV cell: quoted where needed, and a cell a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) starts with a `'` instead.
pub fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A whole CSV file: a header row, then the rows, lines ended with CRLF.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(header.iter().map(|h| csv_cell(h)).collect(), &mut out);
    for row in rows {
        line(row.iter().map(|c| csv_cell(c)).collect(), &mut out);
    }
    out
}

/// The place whose insights are shown, with its neighbourhood.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InsightsPlace {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub neighbourhood_slug: String,
    pub neighbourhood_name: String,
}

/// One activity's weeks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityWeeks {
    pub activity_id: i64,
    pub title: String,
    pub weeks: Vec<Week>,
    pub total: Counts,
}

/// A place's insights over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceInsights {
    pub place: InsightsPlace,
    pub period: Period,
    /// All activities together, every week of the period.
    pub weeks: Vec<Week>,
    pub total: Counts,
    /// Activities with anything counted in the period, by title.
    pub activities: Vec<ActivityWeeks>,
}

/// One row of a neighbourhood's comparison: a place, or the other places taken together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedPlace {
    /// `None` for the row of the other places together (its name is left empty).
    pub slug: Option<String>,
    pub name: String,
    pub counts: Counts,
}

/// A neighbourhood's places side by side over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeighbourhoodInsights {
    pub slug: String,
    pub name: String,
    pub period: Period,
    pub places: Vec<ComparedPlace>,
    pub total: Counts,
}

/// Which places of a neighbourhood a viewer sees one by one: moderators and administrators
/// all of them; a host only their own, the others only added up in one row (`None` when
/// nothing is left to add up), so a host learns no other place's figures.
pub fn compare(
    viewer_sees_all: bool,
    hosted: &[i64],
    places: Vec<(i64, ComparedPlace)>,
) -> Vec<ComparedPlace> {
    if viewer_sees_all {
        return places.into_iter().map(|(_, p)| p).collect();
    }
    let (own, others): (Vec<_>, Vec<_>) =
        places.into_iter().partition(|(id, _)| hosted.contains(id));
    let mut rows: Vec<ComparedPlace> = own.into_iter().map(|(_, p)| p).collect();
    if !others.is_empty() {
        rows.push(ComparedPlace {
            slug: None,
            name: String::new(),
            counts: total(others.iter().map(|(_, p)| &p.counts)),
        });
    }
    rows
}

/// What `/inzichten` offers: one's own places and their neighbourhoods, and for moderators
/// and administrators a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightsChoice {
    pub hosted: Vec<(String, String)>,
    pub neighbourhoods: Vec<(String, String)>,
    pub may_search: bool,
    pub query: String,
    /// Places found: slug, name, neighbourhood name.
    pub found_places: Vec<(String, String, String)>,
    pub found_neighbourhoods: Vec<(String, String)>,
}

#[cfg(test)]
#[path = "insights_tests.rs"]
mod tests;
