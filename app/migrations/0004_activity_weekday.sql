-- Every occurrence of a series falls on the weekday of its first date (a moved one is in
-- occurrence_changes). With the weekday indexed, "what happens on this day, in order" reads
-- a day's activities by start time instead of expanding every series in the database.
ALTER TABLE activities ADD COLUMN weekday INTEGER
    GENERATED ALWAYS AS (CAST(strftime('%w', start_date) AS INTEGER)) VIRTUAL;

CREATE INDEX activities_by_weekday ON activities (weekday, start_minute);

CREATE INDEX occurrence_changes_moved_to ON occurrence_changes (moved_date)
    WHERE moved_date IS NOT NULL;
