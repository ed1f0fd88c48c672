package org.truce.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, migrated database for one test: H2 in a temporary folder (file mode), or a schema of its
 * own ({@code truce_test_<random>}) in the PostgreSQL named by the environment, dropped on close.
 * Single-threaded.
 */
final class TestDatabase implements AutoCloseable {
    static final String PG_MISSING = "TRUCE_PG_URL is not set: run the tests with ./truce test, which starts a throwaway PostgreSQL"
            + " (or set TRUCE_PG_URL, TRUCE_PG_USER, TRUCE_PG_PASSWORD; -Dtruce.pg=off leaves PostgreSQL out explicitly)";

    private final Dialect dialect;
    private final Path h2Dir;
    private final Postgres postgres;
    private Database database;

    private record Postgres(String url, String user, String password, String schema) {
        String schemaUrl() {
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
        }
    }

    private TestDatabase(Dialect dialect, Path h2Dir, Postgres postgres) {
        this.dialect = dialect;
        this.h2Dir = h2Dir;
        this.postgres = postgres;
        this.database = connect();
    }

    /** Creates the database; a PostgreSQL run fails the test when the environment names no server. */
    static TestDatabase create(Dialect dialect, Path tempDir) {
        return switch (dialect) {
            case H2 -> new TestDatabase(dialect, tempDir, null);
            case POSTGRESQL -> new TestDatabase(dialect, null, createSchema());
        };
    }

    private static Postgres createSchema() {
        String url = System.getenv("TRUCE_PG_URL");
        if (url == null || url.isBlank()) {
            fail(PG_MISSING);
        }
        String schema = "truce_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Postgres pg = new Postgres(url, System.getenv("TRUCE_PG_USER"), System.getenv("TRUCE_PG_PASSWORD"), schema);
        execute(pg, "CREATE SCHEMA " + schema); // a generated identifier, not input
        return pg;
    }

    private static void execute(Postgres pg, String sql) {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + Database.withoutParameters(pg.url()) + ": " + e.getMessage(), e);
        }
    }

    private Database connect() {
        return switch (dialect) {
            case H2 -> Database.embedded(h2Dir);
            case POSTGRESQL -> Database.connect(postgres.schemaUrl(), postgres.user(), postgres.password());
        };
    }

    Database database() {
        return database;
    }

    /** Closes the database and opens it again from what it left behind. */
    Database reopen() {
        database.close();
        database = connect();
        return database;
    }

    @Override
    public void close() {
        database.close();
        if (postgres != null) {
            execute(postgres, "DROP SCHEMA " + postgres.schema() + " CASCADE");
        }
    }
}
