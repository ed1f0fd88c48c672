package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbcOpeningStoreContract} on PostgreSQL (TRUCE_PG_URL). */
@DisplayName("JdbcOpeningStore [postgresql]")
@PostgresRun
class JdbcOpeningStorePostgresTest extends JdbcOpeningStoreContract {
    JdbcOpeningStorePostgresTest() {
        super(Dialect.POSTGRESQL);
    }
}
