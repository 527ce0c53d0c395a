-- A way back into an account without e-mail: a reset code that a host, moderator or
-- administrator makes and hands over in person (kind 'code', valid 24 hours), or a link sent
-- by e-mail (kind 'mail', valid 1 hour). Only a SHA-256 of the code or link is kept, so a
-- copy of the database resets no password. One of each kind per account: a new one replaces
-- the old. Using one sets `used_at`; the row stays so a second try says "already used".
CREATE TABLE password_resets (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('code', 'mail')),
    code_hash  TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
    made_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    PRIMARY KEY (user_id, kind)
) STRICT, WITHOUT ROWID;

-- Asking for a link by e-mail finds the account by its address, in any case.
CREATE INDEX users_by_email ON users (lower(email)) WHERE email IS NOT NULL;

-- The log learns reset codes: who made one, for whom, when (never the code itself).
CREATE TABLE moderation_log_new (
    id           INTEGER PRIMARY KEY,
    moderator_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action       TEXT NOT NULL CHECK (action IN ('approve', 'hide', 'restore', 'delete', 'lock',
                     'unlock', 'suspend', 'unsuspend', 'make_moderator', 'make_host',
                     'dismiss_report', 'make_editor', 'revoke_editor', 'reset_code')),
    post_id      INTEGER,
    thread_id    INTEGER,
    user_id      INTEGER,
    place_id     INTEGER,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL
) STRICT;
INSERT INTO moderation_log_new SELECT id, moderator_id, action, post_id, thread_id, user_id,
    place_id, reason, created_at FROM moderation_log;
DROP TABLE moderation_log;
ALTER TABLE moderation_log_new RENAME TO moderation_log;
CREATE INDEX moderation_log_by_post ON moderation_log (post_id) WHERE post_id IS NOT NULL;
