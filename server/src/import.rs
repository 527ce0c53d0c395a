//! Reading a municipality's list of meeting places, as CSV or GeoJSON, into rows for the
//! model to check (`server import-places`).

use app::model::import::{Field, Position, Problem, RawPlace};

/// What is wrong with a file as a whole, before any row is read.
#[derive(Debug, PartialEq)]
pub enum FileError {
    /// Not text in UTF-8.
    NotUtf8,
    /// The CSV is broken where a row starts (a quote never closed, say).
    Csv {
        line: u64,
        reason: String,
    },
    /// Columns the import needs are not in the header.
    MissingColumns(Vec<&'static str>),
    /// Not JSON, or JSON that is not a FeatureCollection.
    GeoJson(String),
    Empty,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::NotUtf8 => write!(f, "the file is not UTF-8 text"),
            FileError::Csv { line, reason } => write!(f, "line {line}: {reason}"),
            FileError::MissingColumns(columns) => {
                write!(f, "the header lacks the columns {}", columns.join(", "))
            }
            FileError::GeoJson(reason) => write!(f, "not a GeoJSON FeatureCollection: {reason}"),
            FileError::Empty => write!(f, "the file holds no places"),
        }
    }
}

/// The rows of a file, each with where it is, whatever its format: GeoJSON when the text
/// starts with `{`, CSV otherwise. Columns the import does not know are listed, not refused.
pub struct Rows {
    pub rows: Vec<(Position, RawPlace)>,
    pub ignored_columns: Vec<String>,
}

pub fn read(bytes: &[u8]) -> Result<Rows, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    let text = text.trim_start_matches('\u{feff}');
    let rows = if text.trim_start().starts_with('{') {
        geojson(text)?
    } else {
        csv(text)?
    };
    if rows.rows.is_empty() {
        return Err(FileError::Empty);
    }
    Ok(rows)
}

/// CSV with a header row, separated by commas or (as Dutch spreadsheets save it) by
/// semicolons: whichever the header holds more of.
fn csv(text: &str) -> Result<Rows, FileError> {
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(csv_error)?.clone();
    let columns: Vec<Option<Field>> = headers.iter().map(Field::from_header).collect();
    let missing: Vec<&'static str> = [
        Field::Key,
        Field::Name,
        Field::Kind,
        Field::Address,
        Field::City,
        Field::Neighbourhood,
        Field::Latitude,
        Field::Longitude,
    ]
    .into_iter()
    .filter(|field| !columns.contains(&Some(*field)))
    .map(Field::name)
    .collect();
    if !missing.is_empty() {
        return Err(FileError::MissingColumns(missing));
    }
    let ignored_columns = headers
        .iter()
        .zip(&columns)
        .filter(|(_, field)| field.is_none())
        .map(|(header, _)| header.to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_error)?;
        if record.iter().all(|value| value.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        let mut raw = RawPlace::default();
        for (value, field) in record.iter().zip(&columns) {
            if let Some(field) = field {
                raw.set(*field, value);
            }
        }
        rows.push((
            Position::Line(usize::try_from(line).unwrap_or(usize::MAX)),
            raw,
        ));
    }
    Ok(Rows {
        rows,
        ignored_columns,
    })
}

fn csv_error(error: ::csv::Error) -> FileError {
    let line = error.position().map_or(0, |p| p.line());
    let reason = match error.kind() {
        ::csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_string(),
        _ => error.to_string(),
    };
    FileError::Csv { line, reason }
}

/// A GeoJSON FeatureCollection (RFC 7946) of Point features: the coordinates are
/// `[longitude, latitude]`, the other fields are properties, and the key is the feature's
/// `id` or its `id` property.
fn geojson(text: &str) -> Result<Rows, FileError> {
    use serde_json::Value;
    let value: Value = serde_json::from_str(text).map_err(|e| FileError::GeoJson(e.to_string()))?;
    if value.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(FileError::GeoJson(
            "its \"type\" is not \"FeatureCollection\"".into(),
        ));
    }
    let features = value
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| FileError::GeoJson("it has no \"features\" list".into()))?;
    let text_of = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    };
    let mut ignored_columns: Vec<String> = Vec::new();
    let mut rows = Vec::with_capacity(features.len());
    for (index, feature) in features.iter().enumerate() {
        let at = Position::Feature(index + 1);
        let mut raw = RawPlace::default();
        if let Some(properties) = feature.get("properties").and_then(Value::as_object) {
            for (name, value) in properties {
                match (Field::from_header(name), text_of(value)) {
                    (Some(field), Some(text)) => raw.set(field, text),
                    (Some(_), None) => {}
                    (None, _) => {
                        if !ignored_columns.contains(name) {
                            ignored_columns.push(name.clone());
                        }
                    }
                }
            }
        }
        if let Some(id) = feature.get("id").and_then(text_of) {
            raw.set(Field::Key, id);
        }
        let geometry = feature.get("geometry");
        let kind = geometry
            .and_then(|g| g.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("missing");
        let point = geometry
            .filter(|_| kind == "Point")
            .and_then(|g| g.get("coordinates"))
            .and_then(Value::as_array)
            .filter(|c| c.len() >= 2);
        match point {
            // Longitude first, as RFC 7946 orders them.
            Some(coordinates) => {
                raw.set(
                    Field::Longitude,
                    text_of(&coordinates[0]).unwrap_or_default(),
                );
                raw.set(
                    Field::Latitude,
                    text_of(&coordinates[1]).unwrap_or_default(),
                );
            }
            None => raw.refuse(Problem::NotAPoint(kind.to_string())),
        }
        rows.push((at, raw));
    }
    Ok(Rows {
        rows,
        ignored_columns,
    })
}
