package org.truce.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Makes leaving PostgreSQL out visible: with {@code -Dtruce.pg=off} the {@link PostgresRun} classes
 * are not run (see {@link PostgresSwitch}), and this test says so in the build output, so that a
 * green build on H2 alone is never taken for one on both databases.
 */
class PostgresSwitchTest {
    private static final List<Class<?>> POSTGRES_RUNS = List.of(DatabasePostgresTest.class, JdbcRecordLogPostgresTest.class,
            JdbiStorePostgresTest.class);

    @Test
    void postgresRuns_areLeftOutOnlyWhenSwitchedOffExplicitly() {
        if (PostgresSwitch.switchedOff()) {
            System.out.println("PostgreSQL contract runs SWITCHED OFF explicitly (-D" + PostgresSwitch.PROPERTY
                    + "=off): only H2 was tested");
            assertThat(POSTGRES_RUNS).allMatch(PostgresSwitch::excludes);
        } else {
            assertThat(POSTGRES_RUNS).noneMatch(PostgresSwitch::excludes);
        }
        assertThat(PostgresSwitch.excludes(JdbiStoreH2Test.class)).isFalse();
    }
}
