-- Activities at places, their occurrences, who joins them, who came, and the light.
-- Dates and times of activities are Europe/Amsterdam wall-clock values: a weekly activity
-- at 19:30 stays at 19:30 across daylight-saving changes.

CREATE TABLE activities (
    id               INTEGER PRIMARY KEY,
    place_id         INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 3 AND 120),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    -- First occurrence: local date (YYYY-MM-DD) and local start minute.
    start_date       TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_minute     INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
    repeat           TEXT NOT NULL DEFAULT 'once'
                         CHECK (repeat IN ('once', 'weekly', 'fortnightly', 'monthly')),
    -- For 'monthly': the n-th weekday of the month (1..4, or -1 for the last).
    month_week       INTEGER CHECK (month_week IS NULL OR month_week IN (-1, 1, 2, 3, 4)),
    repeat_until     TEXT,
    capacity         INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    cost_cents       INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents BETWEEN 0 AND 100000),
    audience         TEXT NOT NULL DEFAULT '' CHECK (length(audience) <= 200),
    accessibility    TEXT NOT NULL DEFAULT '' CHECK (length(accessibility) <= 500),
    welcomer         TEXT NOT NULL DEFAULT '' CHECK (length(welcomer) <= 80),
    online_url       TEXT CHECK (online_url IS NULL OR length(online_url) <= 500),
    -- An online or hybrid activity may lead to one in person: the meeting it prepares.
    leads_to         INTEGER REFERENCES activities (id) ON DELETE SET NULL,
    cancelled        INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    created_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at       INTEGER NOT NULL
) STRICT;

CREATE INDEX activities_by_place ON activities (place_id, start_date);

-- One occurrence of a series, cancelled or moved; keyed by the date it would have had.
CREATE TABLE occurrence_changes (
    activity_id   INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    original_date TEXT NOT NULL,
    cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    moved_date    TEXT,
    moved_minute  INTEGER CHECK (moved_minute IS NULL OR moved_minute BETWEEN 0 AND 1439),
    PRIMARY KEY (activity_id, original_date)
) STRICT, WITHOUT ROWID;

-- Who joins an occurrence; the waiting list is the 'waiting' rows in id order.
CREATE TABLE signups (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
    created_at      INTEGER NOT NULL,
    checked_in_at   INTEGER,
    first_visit     INTEGER NOT NULL DEFAULT 0 CHECK (first_visit IN (0, 1)),
    UNIQUE (activity_id, occurrence_date, user_id)
) STRICT;

CREATE INDEX signups_by_occurrence ON signups (activity_id, occurrence_date, status, id);
CREATE INDEX signups_by_user ON signups (user_id, occurrence_date);

-- People who came in without signing up, counted at the door.
CREATE TABLE walk_ins (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL,
    people          INTEGER NOT NULL CHECK (people BETWEEN 1 AND 500),
    first_name      TEXT CHECK (first_name IS NULL OR length(first_name) BETWEEN 1 AND 60),
    first_visit     INTEGER NOT NULL DEFAULT 0 CHECK (first_visit IN (0, 1)),
    created_at      INTEGER NOT NULL
) STRICT;

CREATE INDEX walk_ins_by_occurrence ON walk_ins (activity_id, occurrence_date);

-- "The light is on": a host says come in, until a moment (Unix seconds).
CREATE TABLE place_lights (
    place_id    INTEGER PRIMARY KEY REFERENCES places (id) ON DELETE CASCADE,
    on_until    INTEGER NOT NULL,
    switched_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    switched_at INTEGER NOT NULL
) STRICT;

-- A resident's own calendar feed, read by calendar apps that cannot log in: the address
-- holds a random token, replaced (and the old one dead) when the resident asks.
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE CHECK (length(token) BETWEEN 32 AND 64),
    created_at INTEGER NOT NULL
) STRICT;
