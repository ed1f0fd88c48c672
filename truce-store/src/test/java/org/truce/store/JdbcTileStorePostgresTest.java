package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbcTileStoreContract} on PostgreSQL (TRUCE_PG_URL). */
@DisplayName("JdbcTileStore [postgresql]")
@PostgresRun
class JdbcTileStorePostgresTest extends JdbcTileStoreContract {
    JdbcTileStorePostgresTest() {
        super(Dialect.POSTGRESQL);
    }
}
