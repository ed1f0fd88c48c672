-- The record log kept in the database (PostgreSQL deployments; see JdbcRecordLog). Entries are
-- opaque bytes at dense indexes 0, 1, 2, ...; rows are only ever inserted.
--
-- BYTEA is BINARY VARYING (up to 1e9 bytes) on H2, so one column type serves both databases.

CREATE TABLE record_log (
    idx   BIGINT PRIMARY KEY CHECK (idx >= 0),
    entry BYTEA  NOT NULL
);

-- One row: the number of entries. Appenders lock and advance it in their transaction, which both
-- serialises them (the next index is always log_size) and keeps the committed entries a dense prefix.
CREATE TABLE record_log_head (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    log_size BIGINT  NOT NULL CHECK (log_size >= 0)
);
INSERT INTO record_log_head (id, log_size) VALUES (1, 0);
