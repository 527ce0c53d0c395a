-- Hardening after a security review.

-- Who suspended an account: a moderator may lift only a suspension a moderator made.
-- Accounts suspended before this migration take it from the log; without an entry, only an
-- administrator may lift it.
ALTER TABLE users ADD COLUMN suspended_by_admin INTEGER NOT NULL DEFAULT 0
    CHECK (suspended_by_admin IN (0, 1));
UPDATE users SET suspended_by_admin = coalesce((
        SELECT m.is_admin FROM moderation_log l LEFT JOIN users m ON m.id = l.moderator_id
        WHERE l.user_id = users.id AND l.action = 'suspend' ORDER BY l.id DESC LIMIT 1
    ), 1)
    WHERE suspended = 1;

-- Anti-spam form tokens are good for one submission: each used one is kept until it would
-- have expired anyway.
CREATE TABLE used_form_tokens (
    nonce   TEXT PRIMARY KEY,
    used_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX used_form_tokens_by_age ON used_form_tokens (used_at);

-- "Has a moderator approved a post of this account" looks posts up in the log.
CREATE INDEX moderation_log_by_post ON moderation_log (post_id) WHERE post_id IS NOT NULL;
