package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbcTileStoreContract} on H2 in file mode. */
@DisplayName("JdbcTileStore [h2]")
class JdbcTileStoreH2Test extends JdbcTileStoreContract {
    JdbcTileStoreH2Test() {
        super(Dialect.H2);
    }
}
