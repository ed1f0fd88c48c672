package org.truce.cli.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL schema for one kill run, on the database of {@code TRUCE_PG_URL}, as
 * {@code org.truce.cli.TestStores} makes them for the in-process tests.
 */
final class PgSchemas {
    private PgSchemas() {
    }

    static String user() {
        return env("TRUCE_PG_USER", "truce");
    }

    static String password() {
        return env("TRUCE_PG_PASSWORD", "truce");
    }

    /** Creates a new schema and returns a JDBC URL whose search path starts with it. */
    static String freshSchemaUrl() {
        String url = System.getenv("TRUCE_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("TRUCE_PG_URL is not set: run the tests with ./truce test or scripts/with-postgres, "
                    + "which start a throwaway PostgreSQL, or pass -Dtruce.pg=off to leave PostgreSQL out explicitly");
        }
        if (!url.startsWith("jdbc:postgresql://127.0.0.1") && !url.startsWith("jdbc:postgresql://localhost")) {
            throw new IllegalStateException("the kill harness only talks to 127.0.0.1; TRUCE_PG_URL is " + url);
        }
        String schema = "truce_kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, user(), password());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + url + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
