//! The light: a host says "come in" until a time today.

use super::activity::schedule::strict_instant;
use super::form::{FormErrors, Problem};
use super::hours::{amsterdam, parse_time_of_day};
use jiff::Timestamp;

/// The moment the light goes off, from the time a host typed (`HH:MM`, today in Amsterdam):
/// a real time that exists today (not in the hour the clocks skip) and is still to come.
pub fn until(typed: &str, now: Timestamp) -> Result<Timestamp, FormErrors> {
    let refuse = |problem: Problem| {
        let mut errors = FormErrors::new().keep("until", typed);
        errors.add("until", problem);
        errors
    };
    let minute = parse_time_of_day(typed).ok_or_else(|| refuse(Problem::BadTime))?;
    let today = now.to_zoned(amsterdam()).date();
    let end = strict_instant(today, minute).map_err(|_| refuse(Problem::TimeDoesNotExist))?;
    if end <= now {
        return Err(refuse(Problem::Past));
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse::<jiff::Zoned>().expect("a moment").timestamp()
    }

    fn problem(result: Result<Timestamp, FormErrors>) -> Option<Problem> {
        result
            .err()
            .and_then(|e| e.fields.first().map(|f| f.problem))
    }

    #[test]
    fn a_time_later_today() {
        let now = at("2026-06-10T14:00[Europe/Amsterdam]");
        assert_eq!(
            until("17:30", now),
            Ok(at("2026-06-10T17:30[Europe/Amsterdam]"))
        );
        assert_eq!(
            until(" 09:05 ", at("2026-06-10T08:00[Europe/Amsterdam]")),
            Ok(at("2026-06-10T09:05[Europe/Amsterdam]"))
        );
    }

    #[test]
    fn past_missing_and_nonsense_times_are_refused_beside_the_field() {
        let now = at("2026-06-10T14:00[Europe/Amsterdam]");
        assert_eq!(problem(until("13:59", now)), Some(Problem::Past));
        assert_eq!(problem(until("14:00", now)), Some(Problem::Past));
        assert_eq!(problem(until("24:00", now)), Some(Problem::BadTime));
        assert_eq!(problem(until("half vijf", now)), Some(Problem::BadTime));
        // The last Sunday of March skips 02:00-03:00.
        let spring = at("2026-03-29T00:30[Europe/Amsterdam]");
        assert_eq!(
            problem(until("02:30", spring)),
            Some(Problem::TimeDoesNotExist)
        );
        let errors = until("13:00", now).unwrap_err();
        assert_eq!(errors.kept_value("until"), Some("13:00"));
    }
}
