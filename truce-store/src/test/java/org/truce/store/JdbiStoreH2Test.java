package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbiStoreContract} on H2 in file mode. */
@DisplayName("JdbiStore [h2]")
class JdbiStoreH2Test extends JdbiStoreContract {
    JdbiStoreH2Test() {
        super(Dialect.H2);
    }
}
