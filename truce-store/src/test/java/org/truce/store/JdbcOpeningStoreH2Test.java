package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbcOpeningStoreContract} on H2 in file mode. */
@DisplayName("JdbcOpeningStore [h2]")
class JdbcOpeningStoreH2Test extends JdbcOpeningStoreContract {
    JdbcOpeningStoreH2Test() {
        super(Dialect.H2);
    }
}
