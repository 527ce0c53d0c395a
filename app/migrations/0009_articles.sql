-- Articles (stories) by editors, with cover images, tags, the places and neighbourhoods they
-- are about, and reactions in a thread of their own.
-- `threads` and `moderation_log` are rebuilt for their CHECK constraints, the way SQLite
-- documents it; migrations run with foreign keys off (see `store::migrate`), so dropping
-- the old `threads` leaves the posts that refer to it alone.

ALTER TABLE users ADD COLUMN is_editor INTEGER NOT NULL DEFAULT 0 CHECK (is_editor IN (0, 1));

-- An uploaded image, decoded and encoded again as JPEG at a few widths. Kept in the database
-- so a backup holds them.
CREATE TABLE images (
    id          INTEGER PRIMARY KEY,
    -- The largest variant's size, and the width of the smallest one.
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    small_width INTEGER NOT NULL CHECK (small_width > 0),
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE image_variants (
    image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    width    INTEGER NOT NULL CHECK (width > 0),
    height   INTEGER NOT NULL CHECK (height > 0),
    jpeg     BLOB NOT NULL,
    PRIMARY KEY (image_id, width)
) STRICT, WITHOUT ROWID;

-- published_at NULL: a draft; in the future: scheduled, not public until then.
CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 80),
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    lead           TEXT NOT NULL CHECK (length(lead) <= 400),
    body_source    TEXT NOT NULL CHECK (length(body_source) <= 20000),
    body_html      TEXT NOT NULL,
    cover_image_id INTEGER REFERENCES images (id) ON DELETE SET NULL,
    cover_alt      TEXT NOT NULL DEFAULT '' CHECK (length(cover_alt) <= 200),
    author_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    published_at   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX articles_published ON articles (published_at DESC, id DESC)
    WHERE published_at IS NOT NULL;
CREATE INDEX articles_by_update ON articles (updated_at DESC);

-- published_at is copied here so a tag page pages through one index.
CREATE TABLE article_tags (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag          TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
    published_at INTEGER,
    PRIMARY KEY (article_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_tags_by_tag ON article_tags (tag, published_at DESC, article_id DESC);

CREATE TABLE article_places (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id   INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, place_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_places_by_place ON article_places (place_id, article_id);

CREATE TABLE article_neighbourhoods (
    article_id       INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, neighbourhood_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_neighbourhoods_by_neighbourhood
    ON article_neighbourhoods (neighbourhood_id, article_id);

-- Threads gain the kind 'article': the reactions on one article, without a neighbourhood.
CREATE TABLE threads_new (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL DEFAULT 'discussion'
                         CHECK (kind IN ('discussion', 'reactions', 'article')),
    place_id         INTEGER REFERENCES places (id) ON DELETE CASCADE,
    neighbourhood_id INTEGER REFERENCES neighbourhoods (id) ON DELETE CASCADE,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    author_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    locked           INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    created_at       INTEGER NOT NULL,
    last_post_at     INTEGER NOT NULL,
    article_id       INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    CHECK (kind = 'discussion' OR place_id IS NOT NULL OR kind = 'article'),
    CHECK (kind = 'article' OR neighbourhood_id IS NOT NULL),
    CHECK ((kind = 'article') = (article_id IS NOT NULL))
) STRICT;
INSERT INTO threads_new (id, kind, place_id, neighbourhood_id, title, author_id, locked,
                         created_at, last_post_at)
    SELECT id, kind, place_id, neighbourhood_id, title, author_id, locked, created_at,
           last_post_at FROM threads;
DROP TABLE threads;
ALTER TABLE threads_new RENAME TO threads;
CREATE INDEX threads_recent ON threads (kind, last_post_at DESC);
CREATE INDEX threads_by_place ON threads (place_id, last_post_at DESC);
CREATE UNIQUE INDEX threads_one_reactions_per_place ON threads (place_id) WHERE kind = 'reactions';
CREATE UNIQUE INDEX threads_one_per_article ON threads (article_id) WHERE article_id IS NOT NULL;

-- The log learns granting and taking back the editor role.
CREATE TABLE moderation_log_new (
    id           INTEGER PRIMARY KEY,
    moderator_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action       TEXT NOT NULL CHECK (action IN ('approve', 'hide', 'restore', 'delete', 'lock',
                     'unlock', 'suspend', 'unsuspend', 'make_moderator', 'make_host',
                     'dismiss_report', 'make_editor', 'revoke_editor')),
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
