package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbcRecordLogContract} on PostgreSQL (TRUCE_PG_URL). */
@DisplayName("JdbcRecordLog [postgresql]")
@PostgresRun
class JdbcRecordLogPostgresTest extends JdbcRecordLogContract {
    JdbcRecordLogPostgresTest() {
        super(Dialect.POSTGRESQL);
    }
}
