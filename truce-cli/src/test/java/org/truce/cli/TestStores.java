package org.truce.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine;

/**
 * The stores the end-to-end tests run on: the embedded store in a temporary folder, and PostgreSQL
 * from {@code TRUCE_PG_URL} in a fresh schema. No test skips PostgreSQL silently: without
 * {@code TRUCE_PG_URL} the PostgreSQL runs fail, unless {@code -Dtruce.pg=off} says so explicitly.
 */
public final class TestStores {
    private TestStores() {
    }

    /** A store to run against, and how to clean it up. */
    public record Kind(String name) {
        @Override
        public String toString() {
            return "[" + name + "]";
        }
    }

    public static List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("h2"));
        if (!"off".equals(System.getProperty("truce.pg"))) {
            kinds.add(new Kind("postgresql"));
        }
        return kinds;
    }

    /** Store options for {@code kind}: a data folder under {@code temp}, or a new PostgreSQL schema. */
    public static StoreOptions options(Kind kind, Path temp) {
        List<String> args = new ArrayList<>();
        args.add("--data");
        args.add(temp.resolve("data").toString());
        if (kind.name().equals("postgresql")) {
            args.add("--db");
            args.add(freshSchemaUrl());
            args.add("--db-user");
            args.add(env("TRUCE_PG_USER", "truce"));
            args.add("--db-password");
            args.add(env("TRUCE_PG_PASSWORD", "truce"));
        }
        StoreOptions options = new StoreOptions();
        new CommandLine(new Holder(options)).parseArgs(args.toArray(String[]::new));
        System.out.println("end-to-end run on " + kind + ": " + options.describe().replaceAll("password=[^&]*", "password=…"));
        return options;
    }

    @CommandLine.Command
    static final class Holder {
        @CommandLine.Mixin
        StoreOptions options;

        Holder(StoreOptions options) {
            this.options = options;
        }
    }

    public static String freshSchemaUrl() {
        String url = System.getenv("TRUCE_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("TRUCE_PG_URL is not set: run the tests with ./truce test, which starts a throwaway "
                    + "PostgreSQL, or pass -Dtruce.pg=off to leave PostgreSQL out explicitly");
        }
        String schema = "truce_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url, env("TRUCE_PG_USER", "truce"), env("TRUCE_PG_PASSWORD", "truce"));
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + url + ": " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
