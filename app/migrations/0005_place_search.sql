-- Text search in the directory. A trigram index over name, address and description finds
-- any part of a word ("koffie" in "Koffiecorner") without reading every place, ignores case
-- and accents ("cafe" finds "Café"), and stays in step with the places through triggers.
CREATE VIRTUAL TABLE places_search USING fts5(
    name, address, description,
    content = 'places', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

INSERT INTO places_search (places_search) VALUES ('rebuild');

CREATE TRIGGER places_search_insert AFTER INSERT ON places BEGIN
    INSERT INTO places_search (rowid, name, address, description)
    VALUES (new.id, new.name, new.address, new.description);
END;

CREATE TRIGGER places_search_delete AFTER DELETE ON places BEGIN
    INSERT INTO places_search (places_search, rowid, name, address, description)
    VALUES ('delete', old.id, old.name, old.address, old.description);
END;

CREATE TRIGGER places_search_update AFTER UPDATE OF name, address, description ON places BEGIN
    INSERT INTO places_search (places_search, rowid, name, address, description)
    VALUES ('delete', old.id, old.name, old.address, old.description);
    INSERT INTO places_search (rowid, name, address, description)
    VALUES (new.id, new.name, new.address, new.description);
END;
