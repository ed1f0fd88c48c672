package org.truce.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Truce keeps its data: the embedded store in a folder, or a PostgreSQL database. */
public final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "data folder of the embedded store (default: ${DEFAULT-VALUE})",
            defaultValue = "truce-data")
    Path data;

    @Option(names = "--db", paramLabel = "JDBC_URL", description = "a PostgreSQL database instead of the embedded store, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/truce (user and password from --db-user/--db-password or "
            + "TRUCE_DB_USER/TRUCE_DB_PASSWORD)")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user (default: $TRUCE_DB_USER)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "database password (default: $TRUCE_DB_PASSWORD)")
    String dbPassword;

    public Path data() {
        return data.toAbsolutePath().normalize();
    }

    public String db() {
        return db;
    }

    public String dbUser() {
        return dbUser != null ? dbUser : System.getenv("TRUCE_DB_USER");
    }

    public String dbPassword() {
        return dbPassword != null ? dbPassword : System.getenv("TRUCE_DB_PASSWORD");
    }

    public String describe() {
        return db != null ? "PostgreSQL " + db : "embedded store in " + data();
    }
}
