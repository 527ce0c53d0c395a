//! iCalendar (RFC 5545) feeds: a place's or a neighbourhood's activities as series with
//! RRULE and EXDATE in the Europe/Amsterdam zone, and single occurrences to add to a
//! calendar.

use crate::model::activity::schedule::{Occurrence, Repeat};
use crate::model::activity::series::Series;
use jiff::{civil::Date, Timestamp};

const ZONE: &str = "Europe/Amsterdam";

/// The zone's rules since 1996, so calendars without a zone database place times right.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n\
DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// Escapes a TEXT value.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn local(date: Date, minute: u16) -> String {
    format!(
        "{}T{:02}{:02}00",
        date.strftime("%Y%m%d"),
        minute / 60,
        minute % 60
    )
}

fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The RRULE of a series, if it repeats.
pub fn rrule(activity: &Series) -> Option<String> {
    let schedule = &activity.schedule;
    let mut rule = match schedule.repeat {
        Repeat::Once => return None,
        Repeat::Weekly => "FREQ=WEEKLY".to_string(),
        Repeat::Fortnightly => "FREQ=WEEKLY;INTERVAL=2".to_string(),
        Repeat::Monthly { week } => {
            let day = WEEKDAYS[schedule.start_date.weekday().to_monday_zero_offset() as usize];
            format!("FREQ=MONTHLY;BYDAY={week}{day}")
        }
    };
    if let Some(until) = schedule.until {
        // UNTIL is in UTC when DTSTART has a zone: the end of the last day, Amsterdam time.
        let end = until
            .to_datetime(jiff::civil::time(23, 59, 59, 0))
            .to_zoned(crate::model::hours::amsterdam())
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        rule.push_str(&format!(";UNTIL={}", utc(end)));
    }
    Some(rule)
}

fn event_head(out: &mut String, uid: &str, stamp: Timestamp, activity: &Series, site: &str) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{uid}"));
    line(out, &format!("DTSTAMP:{}", utc(stamp)));
    line(out, &format!("SUMMARY:{}", text(&activity.title)));
    let online = activity
        .online_url
        .as_deref()
        .filter(|url| is_plain_link(url));
    let mut description = activity.description.clone();
    if let Some(url) = online {
        // Calendar apps show the description; the link goes there too, on its own line.
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&format!("Online: {url}"));
    }
    if !description.is_empty() {
        line(out, &format!("DESCRIPTION:{}", text(&description)));
    }
    match online {
        Some(url) => {
            line(
                out,
                &format!(
                    "LOCATION:{}",
                    text(&format!("Online · {}", activity.place_name))
                ),
            );
            // RFC 7986: the link to join, which newer calendar apps offer as a button.
            line(out, &format!("CONFERENCE;VALUE=URI;FEATURE=VIDEO:{url}"));
            line(out, &format!("URL:{url}"));
        }
        None => {
            line(out, &format!("LOCATION:{}", text(&activity.place_name)));
            line(out, &format!("URL:{site}/plekken/{}", activity.place_slug));
        }
    }
}

/// A link safe to write as a URI value: http(s), no spaces, no control characters. The
/// activity form checks links already; this keeps the feed's lines whole whatever is stored.
fn is_plain_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn calendar_head(out: &mut String, name: &str) {
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Buurtplein//Activiteiten//NL");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, &format!("X-WR-CALNAME:{}", text(name)));
    line(out, &format!("X-WR-TIMEZONE:{ZONE}"));
    out.push_str(VTIMEZONE);
}

/// A feed of whole series: one event per activity with its rule, cancelled occurrences as
/// EXDATE and moved ones as their own event with RECURRENCE-ID.
pub fn feed(name: &str, activities: &[Series], stamp: Timestamp, site: &str) -> String {
    let mut out = String::new();
    calendar_head(&mut out, name);
    for activity in activities.iter().filter(|a| !a.cancelled) {
        let uid = format!("activiteit-{}@buurtplein", activity.id);
        let schedule = &activity.schedule;
        event_head(&mut out, &uid, stamp, activity, site);
        line(
            &mut out,
            &format!(
                "DTSTART;TZID={ZONE}:{}",
                local(schedule.start_date, schedule.start_minute)
            ),
        );
        line(
            &mut out,
            &format!("DURATION:PT{}M", schedule.duration_minutes),
        );
        if let Some(rule) = rrule(activity) {
            line(&mut out, &format!("RRULE:{rule}"));
            let excluded: Vec<String> = activity
                .changes
                .iter()
                .filter(|c| c.cancelled && schedule.has_date(c.original))
                .map(|c| local(c.original, schedule.start_minute))
                .collect();
            if !excluded.is_empty() {
                line(
                    &mut out,
                    &format!("EXDATE;TZID={ZONE}:{}", excluded.join(",")),
                );
            }
        }
        line(&mut out, "END:VEVENT");
        for change in activity
            .changes
            .iter()
            .filter(|c| !c.cancelled && schedule.has_date(c.original))
        {
            let Some((date, minute)) = change.moved_to else {
                continue;
            };
            event_head(&mut out, &uid, stamp, activity, site);
            line(
                &mut out,
                &format!(
                    "RECURRENCE-ID;TZID={ZONE}:{}",
                    local(change.original, schedule.start_minute)
                ),
            );
            line(
                &mut out,
                &format!("DTSTART;TZID={ZONE}:{}", local(date, minute)),
            );
            line(
                &mut out,
                &format!("DURATION:PT{}M", schedule.duration_minutes),
            );
            line(&mut out, "END:VEVENT");
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// One occurrence, to add to a calendar.
pub fn single(activity: &Series, occurrence: &Occurrence, stamp: Timestamp, site: &str) -> String {
    occurrences(&activity.title, &[(activity, *occurrence)], stamp, site)
}

/// A date a resident had joined that its host cancelled, for their own calendar.
#[derive(Clone, Copy, Debug)]
pub struct Cancelled<'a> {
    pub activity_id: i64,
    /// The date the rule gave: with the activity, the event's identity.
    pub original: Date,
    /// When it would have taken place.
    pub date: Date,
    pub minute: u16,
    pub duration_minutes: u16,
    /// The event's summary as the calendar shows it, such as "Afgezegd: Taalcafé".
    pub summary: &'a str,
    pub place_name: &'a str,
    pub place_slug: &'a str,
}

/// The identity of one occurrence's event in a resident's calendar, the same whether it
/// takes place or was cancelled, so a calendar app replaces the one by the other.
fn occurrence_uid(activity_id: i64, original: Date) -> String {
    format!("activiteit-{activity_id}-{original}@buurtplein")
}

/// Separate occurrences, each its own event (a resident's own calendar: the dates they
/// joined, not whole series).
pub fn occurrences(
    name: &str,
    items: &[(&Series, Occurrence)],
    stamp: Timestamp,
    site: &str,
) -> String {
    personal(name, items, &[], stamp, site)
}

/// A resident's own calendar: the dates they joined, and the ones among them a host
/// cancelled, each under the identity it had, with `STATUS:CANCELLED` and a higher
/// `SEQUENCE` (RFC 5545, 3.8.1.11 and 3.8.7.4) so calendar apps strike it out or remove it.
pub fn personal(
    name: &str,
    items: &[(&Series, Occurrence)],
    cancelled: &[Cancelled<'_>],
    stamp: Timestamp,
    site: &str,
) -> String {
    let mut out = String::new();
    calendar_head(&mut out, name);
    for gone in cancelled {
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:{}", occurrence_uid(gone.activity_id, gone.original)),
        );
        line(&mut out, &format!("DTSTAMP:{}", utc(stamp)));
        line(&mut out, "SEQUENCE:1");
        line(&mut out, "STATUS:CANCELLED");
        line(&mut out, &format!("SUMMARY:{}", text(gone.summary)));
        line(&mut out, &format!("LOCATION:{}", text(gone.place_name)));
        line(&mut out, &format!("URL:{site}/plekken/{}", gone.place_slug));
        line(
            &mut out,
            &format!("DTSTART;TZID={ZONE}:{}", local(gone.date, gone.minute)),
        );
        line(&mut out, &format!("DURATION:PT{}M", gone.duration_minutes));
        line(&mut out, "END:VEVENT");
    }
    for (activity, occurrence) in items {
        let uid = occurrence_uid(activity.id, occurrence.original);
        event_head(&mut out, &uid, stamp, activity, site);
        line(
            &mut out,
            &format!(
                "DTSTART;TZID={ZONE}:{}",
                local(occurrence.date, occurrence.minute)
            ),
        );
        line(
            &mut out,
            &format!("DURATION:PT{}M", activity.schedule.duration_minutes),
        );
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_date_keeps_its_identity_and_says_it_is_cancelled() {
        let gone = Cancelled {
            activity_id: 12,
            original: jiff::civil::date(2026, 12, 3),
            date: jiff::civil::date(2026, 12, 4),
            minute: 14 * 60,
            duration_minutes: 90,
            summary: "Afgezegd: Taalcafé, met koffie",
            place_name: "Buurthuis De Linde",
            place_slug: "buurthuis-de-linde",
        };
        let stamp: Timestamp = "2026-11-24T09:30:00Z".parse().unwrap();
        let feed = personal("Buurtplein", &[], &[gone], stamp, "https://buurt.test");
        let event: Vec<&str> = feed
            .split("\r\n")
            .skip_while(|l| *l != "BEGIN:VEVENT")
            .take_while(|l| *l != "END:VEVENT")
            .collect();
        for expected in [
            "UID:activiteit-12-2026-12-03@buurtplein",
            "STATUS:CANCELLED",
            "SEQUENCE:1",
            "SUMMARY:Afgezegd: Taalcafé\\, met koffie",
            "DTSTART;TZID=Europe/Amsterdam:20261204T140000",
            "DURATION:PT90M",
            "DTSTAMP:20261124T093000Z",
        ] {
            assert!(event.contains(&expected), "{expected} in {event:?}");
        }
        assert!(feed.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn text_is_escaped_and_long_lines_fold() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for part in out.split("\r\n") {
            assert!(part.len() <= 75, "{part}");
        }
        assert!(out.contains("\r\n "));
    }
}
