-- Insights count visits, first visits, waiting lists and cancellations per week. These
-- indexes let SQLite answer from the index alone: the signups of a place's activities in a
-- period, a visitor's earlier check-ins (was this their first visit?) and the walk-ins.
CREATE INDEX signups_for_insights
    ON signups (activity_id, occurrence_date, status, checked_in_at, user_id);
CREATE INDEX signups_visits_by_user
    ON signups (user_id, occurrence_date, activity_id) WHERE checked_in_at IS NOT NULL;
CREATE INDEX walk_ins_for_insights
    ON walk_ins (activity_id, occurrence_date, people, first_visit);
