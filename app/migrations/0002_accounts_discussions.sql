-- Accounts, sessions and roles; invite codes; discussions with moderation.
-- Times are Unix seconds (UTC) taken from the application's clock.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 32),
    display_name   TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
    email          TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    password_hash  TEXT NOT NULL,
    is_moderator   INTEGER NOT NULL DEFAULT 0 CHECK (is_moderator IN (0, 1)),
    is_admin       INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    suspended      INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    met_at_place   INTEGER REFERENCES places (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL
) STRICT;

-- Only a hash of the session token is kept: a copy of the database opens no sessions.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_by_user ON sessions (user_id);

-- A host account of a place; the display names already in place_hosts stay as they are.
ALTER TABLE place_hosts ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX place_hosts_one_per_user ON place_hosts (place_id, user_id)
    WHERE user_id IS NOT NULL;
CREATE INDEX place_hosts_by_user ON place_hosts (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE invites (
    code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 6 AND 32),
    place_id    INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    created_by  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    uses        INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

CREATE INDEX invites_by_place ON invites (place_id, created_at);

-- A thread is about a place or a neighbourhood topic; 'reactions' is a place's guest book.
CREATE TABLE threads (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL DEFAULT 'discussion' CHECK (kind IN ('discussion', 'reactions')),
    place_id         INTEGER REFERENCES places (id) ON DELETE CASCADE,
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods (id) ON DELETE CASCADE,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    author_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    locked           INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    created_at       INTEGER NOT NULL,
    last_post_at     INTEGER NOT NULL,
    CHECK (kind = 'discussion' OR place_id IS NOT NULL)
) STRICT;

CREATE INDEX threads_recent ON threads (kind, last_post_at DESC);
CREATE INDEX threads_by_place ON threads (place_id, last_post_at DESC);
CREATE UNIQUE INDEX threads_one_reactions_per_place ON threads (place_id) WHERE kind = 'reactions';

-- status: pending (waits for a moderator), visible, hidden (by a moderator, with a reason),
-- deleted (by its author or a moderator; the text is gone, the place in the thread stays).
CREATE TABLE posts (
    id            INTEGER PRIMARY KEY,
    thread_id     INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
    parent_id     INTEGER REFERENCES posts (id) ON DELETE CASCADE,
    is_opening    INTEGER NOT NULL DEFAULT 0 CHECK (is_opening IN (0, 1)),
    author_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    guest_name    TEXT CHECK (guest_name IS NULL OR length(guest_name) BETWEEN 1 AND 60),
    body_source   TEXT NOT NULL CHECK (length(body_source) <= 5000),
    body_html     TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'visible', 'hidden', 'deleted')),
    hidden_reason TEXT,
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    CHECK (author_id IS NOT NULL OR guest_name IS NOT NULL)
) STRICT;

CREATE INDEX posts_by_thread ON posts (thread_id, id);
CREATE INDEX posts_pending ON posts (status, id) WHERE status = 'pending';
CREATE INDEX posts_by_author ON posts (author_id, status);

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    reporter_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES users (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX reports_open ON reports (resolved_at, id);

CREATE TABLE moderation_log (
    id           INTEGER PRIMARY KEY,
    moderator_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action       TEXT NOT NULL CHECK (action IN ('approve', 'hide', 'restore', 'delete', 'lock',
                     'unlock', 'suspend', 'unsuspend', 'make_moderator', 'make_host',
                     'dismiss_report')),
    post_id      INTEGER,
    thread_id    INTEGER,
    user_id      INTEGER,
    place_id     INTEGER,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
) STRICT;

-- The key that signs anti-spam form tokens; made once, so a restart keeps open forms valid.
CREATE TABLE server_secret (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL CHECK (length(key) = 32)
) STRICT;
