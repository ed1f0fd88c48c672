-- Every recorded version of every actor: an actor is amended by recording it again under its id,
-- and the actors table holds the current version only. The request hashes are those of an
-- idempotent create (POST /api/v1/actors with an Idempotency-Key), so a retry finds its version.
--
-- Stores migrated from before this table have one version per actor, projected without its record
-- time and principal; they are copied here with those NULL, and `truce rebuild` fills them.

CREATE TABLE actor_versions (
    log_index   BIGINT                   PRIMARY KEY,
    actor_id    VARCHAR                  NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE,
    principal   VARCHAR,
    key_sha256  VARCHAR(64),
    body_sha256 VARCHAR(64),
    document    TEXT                     NOT NULL
);

CREATE INDEX actor_versions_by_actor ON actor_versions (actor_id, log_index);
CREATE INDEX actor_versions_by_key ON actor_versions (key_sha256);

INSERT INTO actor_versions (log_index, actor_id, document) SELECT log_index, id, document FROM actors;
