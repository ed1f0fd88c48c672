-- The projections: tables derived from the record log, rebuilt from it whenever they are behind.
-- Every row keeps the log index of the entry that produced it (its record time). `document` holds
-- the whole object in its log JSON form (canonical UTF-8 text), so nothing is lost; the typed
-- columns beside it exist only to filter and sort. Times are UTC, truncated to microseconds (the
-- precision both databases keep); the exact instants are in the documents.
--
-- Portable between H2 2.5 and PostgreSQL 15: VARCHAR without a length is unbounded on PostgreSQL
-- and 1e9 characters on H2; TEXT is CHARACTER VARYING on H2. Text columns have no tight bounds on
-- purpose: an entry already in the log that broke a length limit would stop every later entry from
-- being projected.

CREATE TABLE projection_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    applied_size BIGINT  NOT NULL CHECK (applied_size >= 0)
);
INSERT INTO projection_state (id, applied_size) VALUES (1, 0);

CREATE TABLE reports (
    id                UUID                     PRIMARY KEY,
    log_index         BIGINT                   NOT NULL UNIQUE,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the nano-of-second of recorded_at: the log keeps nanoseconds, the column microseconds
    recorded_at_nanos INTEGER                  NOT NULL CHECK (recorded_at_nanos BETWEEN 0 AND 999999999),
    principal         VARCHAR                  NOT NULL,
    occurred_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    occurred_to       TIMESTAMP WITH TIME ZONE NOT NULL,
    lat               DOUBLE PRECISION         NOT NULL,
    lon               DOUBLE PRECISION         NOT NULL,
    precision_m       INTEGER                  NOT NULL,
    event_type        VARCHAR                  NOT NULL,
    sub_event_type    VARCHAR                  NOT NULL,
    -- identifier in the dataset a report was imported from; NULL (any number of them) when typed in
    external_id       VARCHAR                  UNIQUE,
    document          TEXT                     NOT NULL
);
CREATE INDEX reports_occurred_from ON reports (occurred_from);
CREATE INDEX reports_lat_lon ON reports (lat, lon);

-- An Idempotency-Key (SHA-256 of principal and key) and the report its first request created.
CREATE TABLE idempotent_requests (
    key_sha256  VARCHAR(64) PRIMARY KEY,
    body_sha256 VARCHAR(64) NOT NULL,
    report_id   UUID        NOT NULL REFERENCES reports (id),
    log_index   BIGINT      NOT NULL
);

CREATE TABLE actors (
    id        VARCHAR PRIMARY KEY,
    log_index BIGINT  NOT NULL UNIQUE,
    document  TEXT    NOT NULL
);

CREATE TABLE agreements (
    id        VARCHAR PRIMARY KEY,
    log_index BIGINT  NOT NULL UNIQUE,
    document  TEXT    NOT NULL
);

-- Areas of control; valid time is [valid_from, valid_to), valid_to NULL while the area still holds.
-- The geometry is in the document (GeoJSON); its bounding box is here for coarse filtering.
CREATE TABLE areas (
    id         VARCHAR                  PRIMARY KEY,
    actor_id   VARCHAR                  NOT NULL,
    valid_from TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_to   TIMESTAMP WITH TIME ZONE,
    min_lon    DOUBLE PRECISION         NOT NULL,
    min_lat    DOUBLE PRECISION         NOT NULL,
    max_lon    DOUBLE PRECISION         NOT NULL,
    max_lat    DOUBLE PRECISION         NOT NULL,
    log_index  BIGINT                   NOT NULL UNIQUE,
    document   TEXT                     NOT NULL
);
CREATE INDEX areas_valid_from ON areas (valid_from);

CREATE TABLE lines (
    id        VARCHAR          PRIMARY KEY,
    kind      VARCHAR          NOT NULL,
    min_lon   DOUBLE PRECISION NOT NULL,
    min_lat   DOUBLE PRECISION NOT NULL,
    max_lon   DOUBLE PRECISION NOT NULL,
    max_lat   DOUBLE PRECISION NOT NULL,
    log_index BIGINT           NOT NULL UNIQUE,
    document  TEXT             NOT NULL
);

CREATE TABLE zones (
    id        VARCHAR          PRIMARY KEY,
    kind      VARCHAR          NOT NULL,
    min_lon   DOUBLE PRECISION NOT NULL,
    min_lat   DOUBLE PRECISION NOT NULL,
    max_lon   DOUBLE PRECISION NOT NULL,
    max_lat   DOUBLE PRECISION NOT NULL,
    log_index BIGINT           NOT NULL UNIQUE,
    document  TEXT             NOT NULL
);
