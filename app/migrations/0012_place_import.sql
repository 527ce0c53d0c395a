-- Places imported from a municipality's list keep that list's own identifier, so importing
-- the list again updates them instead of adding them twice. Places made here have none.
ALTER TABLE places ADD COLUMN source_key TEXT
    CHECK (source_key IS NULL OR length(source_key) BETWEEN 1 AND 80);
CREATE UNIQUE INDEX places_by_source_key ON places (source_key) WHERE source_key IS NOT NULL;
