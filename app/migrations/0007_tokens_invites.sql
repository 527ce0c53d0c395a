-- Calendar feed tokens are kept only as a SHA-256 hash, like session tokens, so a copy of the
-- database does not open anyone's calendar. SQLite cannot compute SHA-256, so the existing
-- tokens cannot be hashed here: they are dropped, and residents who subscribed make a new
-- address on their account page (the old address answers 404 from now on).
DROP TABLE calendar_feeds;

CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at INTEGER NOT NULL
) STRICT;

-- A host may limit how often a code is used and until when (Unix seconds, exclusive); NULL
-- means no limit. Sign-up counts a use only while both allow it.
ALTER TABLE invites ADD COLUMN max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0);
ALTER TABLE invites ADD COLUMN expires_at INTEGER;
