package org.truce.store;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Decides whether the PostgreSQL runs exist. Stateless.
 *
 * <p>Every contract suite runs on H2 and on PostgreSQL, which comes from the environment
 * ({@code TRUCE_PG_URL}, {@code TRUCE_PG_USER}, {@code TRUCE_PG_PASSWORD}; {@code ./truce test}
 * starts a throwaway cluster and sets them). A missing {@code TRUCE_PG_URL} fails every PostgreSQL
 * test instead of skipping it: a build that quietly passes on H2 alone hides every PostgreSQL bug.
 *
 * <p>The one way to leave PostgreSQL out is to say so: {@code -Dtruce.pg=off}. This filter then
 * removes the {@link PostgresRun} classes from the test plan after discovery, so they are not run
 * at all (neither failed nor reported as skipped), and {@link PostgresSwitchTest} prints that
 * PostgreSQL was switched off. The JUnit Platform launcher finds the filter through
 * {@code META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter}, under Maven and in IDEs.
 */
public final class PostgresSwitch implements PostDiscoveryFilter {
    static final String PROPERTY = "truce.pg";

    static boolean switchedOff() {
        return "off".equals(System.getProperty(PROPERTY));
    }

    /** True if tests of {@code testClass} are to be left out of this run. */
    static boolean excludes(Class<?> testClass) {
        return switchedOff() && testClass.isAnnotationPresent(PostgresRun.class);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Class<?> testClass = descriptor.getSource()
                .map(source -> source instanceof MethodSource m ? m.getJavaClass()
                        : source instanceof ClassSource c ? c.getJavaClass() : null)
                .orElse(null);
        return testClass != null && excludes(testClass)
                ? FilterResult.excluded("PostgreSQL switched off explicitly (-D" + PROPERTY + "=off)")
                : FilterResult.included("PostgreSQL runs unless -D" + PROPERTY + "=off");
    }
}
