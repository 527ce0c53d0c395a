//! Places read from a municipality's list of meeting places: the fields of one row as the
//! file has them, the rules each field must meet, and the place the import makes of them.
//! Pure: the server reads the file, the store writes the places.

use super::place::{dutch_postcode, PlaceKind, MAX_SLUG_LEN};
use std::collections::HashMap;
use std::fmt;

/// The longest text accepted per field, as the database allows.
const NAME_MAX: usize = 120;
const ADDRESS_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 2000;

/// A column the import understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Key,
    Name,
    Kind,
    Address,
    Postcode,
    City,
    Neighbourhood,
    Latitude,
    Longitude,
    Description,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Key,
        Field::Name,
        Field::Kind,
        Field::Address,
        Field::Postcode,
        Field::City,
        Field::Neighbourhood,
        Field::Latitude,
        Field::Longitude,
        Field::Description,
    ];

    /// The column name the README documents.
    pub fn name(self) -> &'static str {
        match self {
            Field::Key => "id",
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::City => "city",
            Field::Neighbourhood => "neighbourhood",
            Field::Latitude => "latitude",
            Field::Longitude => "longitude",
            Field::Description => "description",
        }
    }

    /// The field a column header (or GeoJSON property) names: the English name or a Dutch
    /// one, as municipalities' lists use them, in any case.
    pub fn from_header(header: &str) -> Option<Field> {
        let header = header.trim().trim_start_matches('\u{feff}').to_lowercase();
        Some(match header.as_str() {
            "id" | "key" | "code" | "nummer" => Field::Key,
            "name" | "naam" => Field::Name,
            "kind" | "soort" | "type" => Field::Kind,
            "address" | "adres" => Field::Address,
            "postcode" | "postal_code" | "zip" => Field::Postcode,
            "city" | "plaats" | "woonplaats" => Field::City,
            "neighbourhood" | "neighborhood" | "buurt" | "wijk" => Field::Neighbourhood,
            "latitude" | "lat" | "breedtegraad" => Field::Latitude,
            "longitude" | "lon" | "lng" | "lengtegraad" => Field::Longitude,
            "description" | "beschrijving" | "omschrijving" => Field::Description,
            _ => return None,
        })
    }

    fn required(self) -> bool {
        !matches!(self, Field::Postcode | Field::Description)
    }
}

/// One row as read from the file, every value still text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawPlace {
    values: HashMap<Field, String>,
    /// What the reader already found wrong (a GeoJSON feature without a point).
    found: Vec<Problem>,
}

impl RawPlace {
    pub fn set(&mut self, field: Field, value: impl Into<String>) {
        self.values.insert(field, value.into());
    }

    pub fn refuse(&mut self, problem: Problem) {
        self.found.push(problem);
    }

    fn get(&self, field: Field) -> &str {
        self.values.get(&field).map_or("", |value| value.trim())
    }
}

/// A row that meets every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedPlace {
    /// The list's own stable identifier: importing the list again updates this place.
    pub key: String,
    pub name: String,
    pub kind: PlaceKind,
    pub address: String,
    pub postcode: String,
    pub city: String,
    /// A neighbourhood's name (or slug); one that does not exist yet is made.
    pub neighbourhood: String,
    pub latitude: f64,
    pub longitude: f64,
    pub description: String,
}

/// What is wrong with one field of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Missing(Field),
    TooLong {
        field: Field,
        max: usize,
    },
    NotANumber {
        field: Field,
        value: String,
    },
    OutOfRange {
        field: Field,
        value: f64,
    },
    UnknownKind(String),
    BadPostcode(String),
    /// The same key as an earlier row, found at `first`.
    DuplicateKey {
        first: Position,
    },
    /// A GeoJSON feature whose geometry is not one point (a polygon, a line, none).
    NotAPoint(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing(field) => write!(f, "{} is empty", field.name()),
            Problem::TooLong { field, max } => {
                write!(f, "{} is longer than {max} characters", field.name())
            }
            Problem::NotANumber { field, value } => {
                write!(f, "{} {value:?} is not a number", field.name())
            }
            Problem::OutOfRange { field, value } => {
                let range = if *field == Field::Latitude {
                    "-90 to 90"
                } else {
                    "-180 to 180"
                };
                write!(f, "{} {value} is outside {range}", field.name())
            }
            Problem::UnknownKind(kind) => {
                let known: Vec<&str> = PlaceKind::ALL.iter().map(|k| k.slug()).collect();
                write!(
                    f,
                    "kind {kind:?} is unknown; use one of {}",
                    known.join(", ")
                )
            }
            Problem::BadPostcode(postcode) => {
                write!(
                    f,
                    "postcode {postcode:?} is not a Dutch postcode like 1234 AB"
                )
            }
            Problem::DuplicateKey { first } => write!(f, "id is the same as on {first}"),
            Problem::NotAPoint(geometry) => {
                write!(
                    f,
                    "the geometry is {geometry}, not a Point [longitude, latitude]"
                )
            }
        }
    }
}

/// Where a row is in its file: the line a CSV row starts on, or a GeoJSON feature's place
/// in its list (both counted from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    Line(usize),
    Feature(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Feature(n) => write!(f, "feature {n}"),
        }
    }
}

/// A row that breaks a rule, with every problem it has.
#[derive(Clone, Debug, PartialEq)]
pub struct BadRow {
    pub at: Position,
    pub problems: Vec<Problem>,
}

/// Checks every row: the good ones become places, each bad one is reported with all its
/// problems. A key used twice is a problem of the later row.
pub fn check_rows(rows: Vec<(Position, RawPlace)>) -> (Vec<ImportedPlace>, Vec<BadRow>) {
    let mut places = Vec::with_capacity(rows.len());
    let mut bad = Vec::new();
    let mut first_of_key: HashMap<String, Position> = HashMap::new();
    for (at, raw) in rows {
        let mut problems = match check(&raw) {
            Ok(place) => {
                places.push(place);
                Vec::new()
            }
            Err(problems) => problems,
        };
        let key = raw.get(Field::Key);
        if !key.is_empty() {
            match first_of_key.get(key) {
                Some(&first) => {
                    problems.push(Problem::DuplicateKey { first });
                    if problems.len() == 1 {
                        places.pop();
                    }
                }
                None => {
                    first_of_key.insert(key.to_string(), at);
                }
            }
        }
        if !problems.is_empty() {
            bad.push(BadRow { at, problems });
        }
    }
    (places, bad)
}

/// Checks one row against every rule.
pub fn check(raw: &RawPlace) -> Result<ImportedPlace, Vec<Problem>> {
    let mut problems = raw.found.clone();
    let point_refused = !problems.is_empty();
    for field in Field::ALL {
        let coordinate = matches!(field, Field::Latitude | Field::Longitude);
        if field.required() && raw.get(field).is_empty() && !(coordinate && point_refused) {
            problems.push(Problem::Missing(field));
        }
    }
    let mut text = |field: Field, max: usize| {
        let value = raw.get(field);
        if value.chars().count() > max {
            problems.push(Problem::TooLong { field, max });
        }
        value.to_string()
    };
    let key = text(Field::Key, MAX_SLUG_LEN);
    let name = text(Field::Name, NAME_MAX);
    let address = text(Field::Address, ADDRESS_MAX);
    let city = text(Field::City, NAME_MAX);
    let neighbourhood = text(Field::Neighbourhood, NAME_MAX);
    let description = text(Field::Description, DESCRIPTION_MAX);
    let kind_text = raw.get(Field::Kind).to_lowercase();
    let kind = PlaceKind::from_slug(&kind_text);
    if kind.is_none() && !kind_text.is_empty() {
        problems.push(Problem::UnknownKind(kind_text));
    }
    let postcode = match raw.get(Field::Postcode) {
        "" => String::new(),
        text => match dutch_postcode(text) {
            Some((digits, Some(letters))) => format!("{digits} {letters}"),
            _ => {
                problems.push(Problem::BadPostcode(text.to_string()));
                String::new()
            }
        },
    };
    let latitude = coordinate(raw, Field::Latitude, 90.0, &mut problems);
    let longitude = coordinate(raw, Field::Longitude, 180.0, &mut problems);
    match (kind, latitude, longitude) {
        (Some(kind), Some(latitude), Some(longitude)) if problems.is_empty() => Ok(ImportedPlace {
            key,
            name,
            kind,
            address,
            postcode,
            city,
            neighbourhood,
            latitude,
            longitude,
            description,
        }),
        _ => Err(problems),
    }
}

/// A latitude or longitude: a finite number within ±`limit`. A decimal comma ("52,09", as
/// Dutch spreadsheets write it) is read as a point.
fn coordinate(
    raw: &RawPlace,
    field: Field,
    limit: f64,
    problems: &mut Vec<Problem>,
) -> Option<f64> {
    let text = raw.get(field);
    if text.is_empty() {
        return None;
    }
    let number = if text.contains('.') {
        text.parse::<f64>()
    } else {
        text.replacen(',', ".", 1).parse::<f64>()
    };
    match number {
        Ok(value) if value.is_finite() && value.abs() <= limit => Some(value),
        Ok(value) if value.is_finite() => {
            problems.push(Problem::OutOfRange { field, value });
            None
        }
        _ => {
            problems.push(Problem::NotANumber {
                field,
                value: text.to_string(),
            });
            None
        }
    }
}

/// A slug made of a name: lowercase letters and digits joined by single hyphens, accents
/// dropped ("Café De Hoek" → "cafe-de-hoek"), short enough for a "-2" … suffix when it is
/// taken; "plek" when nothing is left.
pub fn slug_of(name: &str) -> String {
    let slug = super::article::slug_words(name, MAX_SLUG_LEN - 6);
    if slug.is_empty() {
        "plek".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
