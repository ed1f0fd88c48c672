package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link DatabaseContract} on PostgreSQL (TRUCE_PG_URL). */
@DisplayName("Database [postgresql]")
@PostgresRun
class DatabasePostgresTest extends DatabaseContract {
    DatabasePostgresTest() {
        super(Dialect.POSTGRESQL);
    }
}
