package org.truce.store;

import java.util.stream.Stream;

/**
 * Which databases the contract suites run on. Stateless.
 *
 * <p>Always H2, and always PostgreSQL, which comes from the environment ({@code TRUCE_PG_URL},
 * {@code TRUCE_PG_USER}, {@code TRUCE_PG_PASSWORD}; {@code ./truce test} starts a throwaway cluster
 * and sets them). A missing {@code TRUCE_PG_URL} fails every PostgreSQL run rather than skipping it,
 * because a suite that quietly passes on H2 alone hides every PostgreSQL bug. The only way to leave
 * PostgreSQL out is to say so: {@code -Dtruce.pg=off}. The PostgreSQL runs are then not generated at
 * all, and {@link PostgresSwitchTest} reports that they were switched off.
 */
final class TestDatabases {
    static final String SWITCH_PROPERTY = "truce.pg";

    private TestDatabases() {
    }

    /** The argument source of every contract suite. */
    static Stream<Dialect> dialects() {
        return postgresSwitchedOff() ? Stream.of(Dialect.H2) : Stream.of(Dialect.H2, Dialect.POSTGRESQL);
    }

    static boolean postgresSwitchedOff() {
        return "off".equals(System.getProperty(SWITCH_PROPERTY));
    }
}
