package org.truce.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Makes leaving PostgreSQL out visible. With {@code -Dtruce.pg=off} the contract suites generate no
 * PostgreSQL runs; this test then says so in the build output, so that a green build on H2 alone
 * is never mistaken for one on both databases. Without the switch it checks the PostgreSQL runs exist.
 */
class PostgresSwitchTest {
    @Test
    void postgresRuns_areGeneratedUnlessSwitchedOffExplicitly() {
        if (TestDatabases.postgresSwitchedOff()) {
            System.out.println("PostgreSQL contract runs SWITCHED OFF explicitly (-D" + TestDatabases.SWITCH_PROPERTY
                    + "=off): only H2 was tested");
            assertThat(TestDatabases.dialects()).containsExactly(Dialect.H2);
        } else {
            assertThat(TestDatabases.dialects()).containsExactly(Dialect.H2, Dialect.POSTGRESQL);
        }
    }
}
