-- Cancelling with care: everyone who joined a date (or waited for a place) hears when it is
-- cancelled. A notice per resident and cancelled date: on their account page until they
-- mark it read, and in their calendar feed as a cancelled event (RFC 5545 STATUS:CANCELLED),
-- read or not. `occurrence_date` is the date the rule gave (the occurrence's identity, as in
-- signups); `starts_date` and `starts_minute` are when it would have taken place (a moved
-- date's new day and time). `whole_series` marks a date cancelled with all the others.
-- Times are Unix seconds (UTC) from the application's clock.
CREATE TABLE cancellation_notices (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    activity_id     INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL
        CHECK (occurrence_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    starts_date     TEXT NOT NULL
        CHECK (starts_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    starts_minute   INTEGER NOT NULL CHECK (starts_minute BETWEEN 0 AND 1439),
    whole_series    INTEGER NOT NULL DEFAULT 0 CHECK (whole_series IN (0, 1)),
    created_at      INTEGER NOT NULL,
    read_at         INTEGER,
    UNIQUE (user_id, activity_id, occurrence_date)
) STRICT;

-- A resident's unread notices (the account page) and their cancelled dates of a period (the
-- calendar feed), without reading anyone else's.
CREATE INDEX cancellation_notices_by_user ON cancellation_notices (user_id, starts_date);

-- Taking a cancellation back removes its notices: found by the occurrence.
CREATE INDEX cancellation_notices_by_occurrence
    ON cancellation_notices (activity_id, occurrence_date);
