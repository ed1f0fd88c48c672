/**
 * The SQL side of Truce, on H2 (embedded, file mode) or PostgreSQL: {@link org.truce.store.Database}
 * opens and migrates a database, {@link org.truce.store.JdbiStore} keeps the projections of the log
 * (the service's {@link org.truce.service.port.Store}), and {@link org.truce.store.JdbcRecordLog}
 * keeps the log itself in the database for PostgreSQL deployments. The schema is in
 * {@code src/main/resources/db/migration/common}.
 */
package org.truce.store;
