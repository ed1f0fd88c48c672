package org.truce.store;

import org.junit.jupiter.api.DisplayName;

/** {@link JdbcRecordLogContract} on H2 in file mode. */
@DisplayName("JdbcRecordLog [h2]")
class JdbcRecordLogH2Test extends JdbcRecordLogContract {
    JdbcRecordLogH2Test() {
        super(Dialect.H2);
    }
}
