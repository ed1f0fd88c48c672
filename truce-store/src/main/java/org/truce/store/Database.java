package org.truce.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * An open, migrated SQL database: a connection pool, its dialect and a {@link Jdbi} over it.
 * Thread-safe. The stores built on it ({@link JdbiStore}, {@link JdbcRecordLog}) share it and do not
 * close it; whoever opened the database closes it, after them.
 *
 * <p>Migrations live in {@code classpath:db/migration/common} and are written in SQL that H2 2.5
 * and PostgreSQL 15 both accept; a {@code db/migration/<dialect>} folder is to be added only for
 * a change that cannot be written portably. Flyway works in the connection's current schema (on
 * PostgreSQL the first entry of {@code currentSchema=...} in the URL).
 */
public final class Database implements AutoCloseable {
    static final String MIGRATIONS = "classpath:db/migration/common";
    /** Connections the pool keeps at most: enough for a web server's concurrent readers on 2 cores. */
    static final int MAX_POOL_CONNECTIONS = 16;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * Opens (creating if missing) the embedded H2 database in {@code dataDir/db} and migrates it.
     *
     * <p>H2's commit is not forced to disk; that is acceptable for projections, which the log
     * rebuilds, and {@link JdbcRecordLog} forces its own commits.
     *
     * @throws IllegalArgumentException if the path cannot be written into a JDBC URL
     * @throws StoreUnavailableException if the folder cannot be created, the database is locked or broken
     */
    public static Database embedded(Path dataDir) {
        Path dir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().resolve("db");
        if (dir.toString().contains(";")) {
            throw new IllegalArgumentException("the data folder must not contain ';' (it separates H2 URL settings): " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the database folder " + dir, e);
        }
        return connect("jdbc:h2:file:" + dir.resolve("truce") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /**
     * Connects to the database at {@code jdbcUrl} (H2 or PostgreSQL) and migrates it.
     *
     * @throws StoreUnavailableException if no connection can be made or the migration fails
     * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
     */
    public static Database connect(String jdbcUrl, String user, String password) {
        HikariDataSource pool = pool(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password);
        try {
            Database database = new Database(pool, dialectOf(pool, jdbcUrl));
            database.migrate();
            return database;
        } catch (RuntimeException | Error e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_POOL_CONNECTIONS);
        config.setPoolName("truce-store");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the URL may hold a password in its parameters: name only the scheme and host part
            throw new StoreUnavailableException("cannot connect to " + withoutParameters(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    private static Dialect dialectOf(DataSource pool, String jdbcUrl) {
        try (Connection connection = pool.getConnection()) {
            return Dialect.of(connection);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the database product of " + withoutParameters(jdbcUrl), e);
        }
    }

    static String withoutParameters(String jdbcUrl) {
        int end = jdbcUrl.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = jdbcUrl.indexOf(separator);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return jdbcUrl.substring(0, end);
    }

    /**
     * Applies the migrations the database does not have yet; returns how many were applied (0 when
     * it is current).
     *
     * @throws StoreUnavailableException if a migration fails or an applied one was changed
     */
    public int migrate() {
        try {
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreUnavailableException("migrating the " + dialect + " database failed: " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Jdbi over the pool, for the stores in this module. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pooled data source, for tools that need plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes the pool; on H2 the database file is closed once its last connection is. */
    @Override
    public void close() {
        dataSource.close();
    }
}
