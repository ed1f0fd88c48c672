package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link DatabaseContract} on H2 in file mode. */
@DisplayName("Database [h2]")
class DatabaseH2Test extends DatabaseContract {
    DatabaseH2Test() {
        super(Dialect.H2);
    }
}
