package org.truce.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL databases Truce runs on. Immutable. */
public enum Dialect {
    /** H2 2.x, embedded in file mode: one machine, no server to run. */
    H2,
    /** PostgreSQL 15 or later: production and multi-node deployments. */
    POSTGRESQL;

    /** The dialect's name as used in migration folders and test names ({@code h2}, {@code postgresql}). */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The dialect of the database behind {@code connection}, from the driver's product name.
     *
     * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
     */
    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> H2;
            case "PostgreSQL" -> POSTGRESQL;
            default -> throw new IllegalArgumentException("unsupported database '" + product + "': Truce runs on H2 and PostgreSQL");
        };
    }

    @Override
    public String toString() {
        return folderName();
    }
}
