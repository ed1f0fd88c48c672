-- The record time of each area of control, so that "which areas did we know of at T" is a query
-- (?known_at=). Projections are rebuilt from the log, which carries every entry's record time:
-- `truce rebuild` fills the column for rows projected before it existed.
ALTER TABLE areas ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE;
