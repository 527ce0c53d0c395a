-- A resident may delete their account. The row stays, emptied of everything personal, so
-- what they took part in keeps counting (visits, first visits, invites) and their posts,
-- where they chose to keep them, show as a former member's. `deleted_at` marks such a row.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;
