-- City scale: every list a page shows is filtered, ordered and paged by an index.

-- The directory lists by name as people read it (case-insensitive), within a kind or a
-- neighbourhood or not, and stops after one page.
DROP INDEX places_by_kind;
CREATE INDEX places_by_kind ON places (kind, name COLLATE NOCASE, id);
DROP INDEX places_by_neighbourhood;
CREATE INDEX places_by_neighbourhood ON places (neighbourhood_id, name COLLATE NOCASE, id);
CREATE INDEX places_by_name ON places (name COLLATE NOCASE, id);

-- Finding a neighbourhood by a postcode of one of its places ("3521" or "3521 AB").
CREATE INDEX places_by_postcode ON places (postcode, neighbourhood_id);

-- "Open now" across the city: this day's periods by opening time, and the lights that are on.
CREATE INDEX opening_hours_by_day ON opening_hours (weekday, opens, closes, place_id);
CREATE INDEX place_lights_on ON place_lights (on_until);

-- A place's (or a neighbourhood's) activities of one weekday in time order, for the days of
-- a window, without expanding every series of the place.
CREATE INDEX activities_by_place_weekday ON activities (place_id, weekday, start_minute);

-- Neighbourhoods are chosen by typing part of their name.
CREATE INDEX neighbourhoods_by_name ON neighbourhoods (name COLLATE NOCASE);

-- A host's places by account, whatever the planner makes of a partial index.
DROP INDEX place_hosts_by_user;
CREATE INDEX place_hosts_by_user ON place_hosts (user_id, place_id);

-- How many places the directory holds, kept by the database itself, so the unfiltered
-- directory does not count twenty thousand rows for its heading.
CREATE TABLE place_total (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    places INTEGER NOT NULL CHECK (places >= 0)
) STRICT;
INSERT INTO place_total (id, places) SELECT 1, count(*) FROM places;
CREATE TRIGGER place_total_insert AFTER INSERT ON places BEGIN
    UPDATE place_total SET places = places + 1 WHERE id = 1;
END;
CREATE TRIGGER place_total_delete AFTER DELETE ON places BEGIN
    UPDATE place_total SET places = places - 1 WHERE id = 1;
END;

-- A page of a long thread: its top-level posts in order, then the replies to those.
CREATE INDEX posts_by_parent ON posts (thread_id, parent_id, id);
