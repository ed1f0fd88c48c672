-- The openings of sealed entry fields (see JdbcOpeningStore): the salt and value behind each
-- commitment the record log holds. Kept beside the log, never in it, and never a projection: they
-- cannot be rebuilt from the log. A row is inserted once; a destroy clears its salt and value and
-- records when, and the row stays, so that putting the same opening again does not bring it back.
--
-- BYTEA is BINARY VARYING (up to 1e9 bytes) on H2, so one column type serves both databases. The
-- value column is sealed_value because VALUE is a keyword on H2.

CREATE TABLE openings (
    commitment   BYTEA                    PRIMARY KEY CHECK (OCTET_LENGTH(commitment) = 32),
    salt         BYTEA                    CHECK (OCTET_LENGTH(salt) = 32),
    sealed_value BYTEA                    CHECK (OCTET_LENGTH(sealed_value) <= 65535),
    destroyed_at TIMESTAMP WITH TIME ZONE,
    CHECK ((destroyed_at IS NULL AND salt IS NOT NULL AND sealed_value IS NOT NULL)
        OR (destroyed_at IS NOT NULL AND salt IS NULL AND sealed_value IS NULL))
);
