-- "Samen de eerste keer": a resident who never came to a place asks for company on one
-- date of an activity; residents who came there before (and hosts) offer to go along; the
-- host pairs a request with an offer (or with themselves).

-- One request per resident and occurrence. `buddy_id` is set once the host paired it;
-- `came_at` once the two were checked in together at the door.
CREATE TABLE buddy_requests (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL
                        CHECK (occurrence_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    buddy_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    paired_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    paired_at       INTEGER,
    came_at         INTEGER,
    created_at      INTEGER NOT NULL,
    CHECK (buddy_id IS NULL OR buddy_id <> user_id),
    UNIQUE (activity_id, occurrence_date, user_id)
) STRICT;

CREATE INDEX buddy_requests_by_user ON buddy_requests (user_id, occurrence_date);
CREATE INDEX buddy_requests_by_buddy ON buddy_requests (buddy_id, occurrence_date)
    WHERE buddy_id IS NOT NULL;

-- Who offers to go along on an occurrence.
CREATE TABLE buddy_offers (
    activity_id     INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    occurrence_date TEXT NOT NULL
                        CHECK (occurrence_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (activity_id, occurrence_date, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX buddy_offers_by_user ON buddy_offers (user_id, occurrence_date);
