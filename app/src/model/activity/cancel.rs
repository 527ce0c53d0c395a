//! Cancelling with care: what a host is shown before a cancellation, and the notices the
//! residents who joined (or waited for a place) receive afterwards.

use super::RepeatKind;
use serde::{Deserialize, Serialize};

/// What a host cancels: this one date, or every date from now on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CancelScope {
    One,
    All,
}

impl CancelScope {
    /// The scope asked for, as the activity allows it: a single date has no other dates,
    /// so "all of them" is only offered, and only done, for an activity that repeats.
    pub fn allowed(whole: bool, repeat: RepeatKind) -> CancelScope {
        if whole && repeat != RepeatKind::Once {
            CancelScope::All
        } else {
            CancelScope::One
        }
    }

    /// Whether a host is offered to cancel every date at once.
    pub fn offers_all(repeat: RepeatKind) -> bool {
        Self::allowed(true, repeat) == CancelScope::All
    }
}

/// What the confirmation page says before anything is cancelled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelPreview {
    pub activity_id: i64,
    /// The date the rule gave (the occurrence's identity), `YYYY-MM-DD`.
    pub original_date: String,
    pub title: String,
    pub place_name: String,
    pub place_slug: String,
    /// The day it takes place (a moved date's new day), Monday = 1, and its times `HH:MM`.
    pub date: String,
    pub weekday: u8,
    pub start: String,
    pub end: String,
    pub repeat: RepeatKind,
    /// The series' own weekday (Monday = 1) and start, for "every Tuesday, 14:00".
    pub series_weekday: u8,
    pub series_start: String,
    pub scope: CancelScope,
    /// The residents who joined or wait for what is cancelled (every one of them is told):
    /// this date's, or, for all dates, anyone's from today on, each counted once.
    pub residents: u32,
    /// Whether residents with an e-mail address are mailed too (the server sends mail).
    pub mail: bool,
}

/// A notice as stored: one cancelled date a resident had joined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    pub activity_id: i64,
    pub title: String,
    pub place_name: String,
    pub place_slug: String,
    /// The date the rule gave (the occurrence's identity).
    pub occurrence_date: String,
    /// When it would have taken place.
    pub starts_date: String,
    pub starts_minute: u16,
    pub whole_series: bool,
}

/// What the account page says: one cancelled date, or an activity that stopped (all of the
/// resident's dates of it at once, from the first one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelNotice {
    pub activity_id: i64,
    pub title: String,
    pub place_name: String,
    pub place_slug: String,
    pub whole: bool,
    /// For one date: the date the rule gave, to mark this notice read.
    pub original_date: Option<String>,
    /// The (first) day it would have taken place, `YYYY-MM-DD`, Monday = 1, `HH:MM`.
    pub date: String,
    pub weekday: u8,
    pub start: String,
    /// How many of the resident's dates it covers (1 for one date).
    pub dates: u32,
}

/// The notices a resident reads: each cancelled date on its own, and the dates of a
/// cancelled series as one notice (from its first date). In time order.
#[cfg(feature = "ssr")]
pub fn group_notices(rows: Vec<NoticeRow>) -> Vec<CancelNotice> {
    use crate::model::hours::format_minute;
    let mut notices: Vec<CancelNotice> = Vec::new();
    let mut rows = rows;
    rows.sort_by(|a, b| {
        (&a.starts_date, a.starts_minute, a.activity_id).cmp(&(
            &b.starts_date,
            b.starts_minute,
            b.activity_id,
        ))
    });
    for row in rows {
        if row.whole_series {
            if let Some(existing) = notices
                .iter_mut()
                .find(|n| n.whole && n.activity_id == row.activity_id)
            {
                existing.dates += 1;
                continue;
            }
        }
        let weekday = super::Day::parse_date(&row.starts_date)
            .map(super::series::weekday_number)
            .unwrap_or(1);
        notices.push(CancelNotice {
            activity_id: row.activity_id,
            title: row.title,
            place_name: row.place_name,
            place_slug: row.place_slug,
            whole: row.whole_series,
            original_date: (!row.whole_series).then_some(row.occurrence_date),
            date: row.starts_date,
            weekday,
            start: format_minute(row.starts_minute),
            dates: 1,
        });
    }
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_activity_that_repeats_offers_all_its_dates() {
        assert_eq!(
            CancelScope::allowed(true, RepeatKind::Once),
            CancelScope::One
        );
        assert!(!CancelScope::offers_all(RepeatKind::Once));
        for repeat in [
            RepeatKind::Weekly,
            RepeatKind::Fortnightly,
            RepeatKind::Monthly,
        ] {
            assert!(CancelScope::offers_all(repeat));
            assert_eq!(CancelScope::allowed(true, repeat), CancelScope::All);
            assert_eq!(CancelScope::allowed(false, repeat), CancelScope::One);
        }
    }

    #[cfg(feature = "ssr")]
    fn row(activity_id: i64, date: &str, minute: u16, whole: bool) -> NoticeRow {
        NoticeRow {
            activity_id,
            title: format!("Activiteit {activity_id}"),
            place_name: "Buurthuis".into(),
            place_slug: "buurthuis".into(),
            occurrence_date: date.into(),
            starts_date: date.into(),
            starts_minute: minute,
            whole_series: whole,
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_cancelled_series_is_one_notice_and_single_dates_stay_apart() {
        let notices = group_notices(vec![
            row(2, "2026-12-08", 600, true),
            row(1, "2026-12-03", 840, false),
            row(2, "2026-12-01", 600, true),
            row(1, "2026-12-10", 840, false),
            row(2, "2026-12-15", 600, true),
        ]);
        let summary: Vec<_> = notices
            .iter()
            .map(|n| {
                (
                    n.activity_id,
                    n.whole,
                    n.date.as_str(),
                    n.dates,
                    n.original_date.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (2, true, "2026-12-01", 3, None),
                (1, false, "2026-12-03", 1, Some("2026-12-03")),
                (1, false, "2026-12-10", 1, Some("2026-12-10")),
            ]
        );
        // Tuesday 1 December 2026, at ten.
        assert_eq!(
            (notices[0].weekday, notices[0].start.as_str()),
            (2, "10:00")
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_moved_date_is_told_at_the_day_it_would_have_been() {
        let mut moved = row(3, "2026-12-03", 840, false);
        moved.starts_date = "2026-12-04".into();
        moved.starts_minute = 600;
        let notices = group_notices(vec![moved]);
        assert_eq!(notices[0].date, "2026-12-04");
        assert_eq!(notices[0].original_date.as_deref(), Some("2026-12-03"));
        assert_eq!(notices[0].weekday, 5);
    }
}
