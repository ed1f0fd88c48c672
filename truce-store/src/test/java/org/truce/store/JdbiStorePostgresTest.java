package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbiStoreContract} on PostgreSQL (TRUCE_PG_URL). */
@DisplayName("JdbiStore [postgresql]")
@PostgresRun
class JdbiStorePostgresTest extends JdbiStoreContract {
    JdbiStorePostgresTest() {
        super(Dialect.POSTGRESQL);
    }
}
