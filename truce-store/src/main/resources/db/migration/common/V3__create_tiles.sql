-- The published Merkle log kept in the database (PostgreSQL deployments; see JdbcTileStore): the
-- c2sp.org/tlog-tiles hash tiles and entry bundles, and the latest signed checkpoint with the
-- highest fencing token accepted. Tile and bundle rows are only ever inserted, never changed: a
-- resource's bytes are fixed once written. A partial tile (width < 256) is a row of its own beside
-- the full tile at the same place, as tile/L/N.p/W is a file of its own beside tile/L/N.
--
-- BYTEA is BINARY VARYING (up to 1e9 bytes) on H2, so one column type serves both databases.

-- Hash tiles: `width` hashes of 32 bytes at tile level `level` (0 holds leaf hashes), index `idx`.
CREATE TABLE log_tiles (
    level SMALLINT NOT NULL CHECK (level BETWEEN 0 AND 63),
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    width SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),
    data  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx, width)
);

-- Entry bundles: entries [idx * 256, idx * 256 + width), each a big-endian 16-bit length and its bytes.
CREATE TABLE log_entry_bundles (
    idx   BIGINT   NOT NULL CHECK (idx >= 0),
    width SMALLINT NOT NULL CHECK (width BETWEEN 1 AND 256),
    data  BYTEA    NOT NULL,
    PRIMARY KEY (idx, width)
);

-- One row: the latest signed checkpoint note (NULL until the first publish), its tree size and root
-- hash (copied from the note, for queries; the note is what counts), and the highest fencing token
-- accepted (NULL until the first publish). Publishers lock the row (SELECT ... FOR UPDATE) and
-- compare-and-swap it in one transaction.
CREATE TABLE log_checkpoint (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    fencing_token BIGINT,
    tree_size     BIGINT  CHECK (tree_size >= 0),
    root_hash     BYTEA,
    note          BYTEA,
    CHECK ((note IS NULL AND tree_size IS NULL AND root_hash IS NULL AND fencing_token IS NULL)
        OR (note IS NOT NULL AND tree_size IS NOT NULL AND root_hash IS NOT NULL AND fencing_token IS NOT NULL))
);
INSERT INTO log_checkpoint (id) VALUES (1);
