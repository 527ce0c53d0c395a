-- Neighbourhoods and their physical meeting places, with weekly hours, features and hosts.

CREATE TABLE neighbourhoods (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 80),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    city        TEXT NOT NULL CHECK (length(city) BETWEEN 1 AND 120),
    description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE places (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 80),
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods (id) ON DELETE RESTRICT,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind             TEXT NOT NULL CHECK (kind IN ('buurthuis', 'bibliotheek', 'schoolplein',
                         'koffiecorner', 'park', 'cafe', 'gebedshuis', 'sport', 'anders')),
    description      TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL,
    postcode         TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL,
    latitude         REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude        REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE INDEX places_by_neighbourhood ON places (neighbourhood_id, name);
CREATE INDEX places_by_kind ON places (kind, name);

-- Local Europe/Amsterdam wall-clock minutes; closes <= opens means the period ends the next day.
CREATE TABLE opening_hours (
    place_id INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    weekday  INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens    INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
    closes   INTEGER NOT NULL CHECK (closes BETWEEN 1 AND 1440),
    CHECK (opens <> closes),
    PRIMARY KEY (place_id, weekday, opens)
) STRICT, WITHOUT ROWID;

CREATE TABLE place_features (
    place_id INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    feature  TEXT NOT NULL CHECK (feature IN ('drempelvrij', 'stille-ruimte',
                 'geen-consumptieplicht', 'ringleiding', 'kinderen-welkom', 'toegankelijk-toilet')),
    PRIMARY KEY (place_id, feature)
) STRICT, WITHOUT ROWID;

CREATE INDEX place_features_by_feature ON place_features (feature, place_id);

CREATE TABLE place_hosts (
    id           INTEGER PRIMARY KEY,
    place_id     INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    position     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX place_hosts_by_place ON place_hosts (place_id, position);
