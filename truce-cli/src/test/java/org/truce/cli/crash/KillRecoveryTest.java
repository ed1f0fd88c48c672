package org.truce.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.cli.TestStores;

/**
 * Truce's promise under SIGKILL, on each store: a report acknowledged with 201 is never lost nor
 * applied twice, and every signed checkpoint is consistent with every earlier one. See {@link
 * KillHarness} for what one run does and checks.
 *
 * <p>Two tiers in one test: the quick one (5 kill rounds during 10,000 writes per store) always,
 * the long one (20 kill rounds) with {@code -Dtruce.long=true} or {@code TRUCE_LONG=true}, as
 * {@code ./truce test --long} sets them. {@code -Dtruce.kill.seed=N} replays a run's random
 * choices; {@code -Dtruce.kill.writes=N}, {@code -Dtruce.kill.rounds=N} and {@code
 * -Dtruce.kill.clients=N} override the tier's numbers.
 */
class KillRecoveryTest {
    static final int WRITES = 10_000;
    static final int QUICK_ROUNDS = 5;
    static final int LONG_ROUNDS = 20;
    static final int CLIENTS = 4;

    /** Kept when the test fails: the data, the server output and the seed are what a failure is investigated with. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    static boolean longTier() {
        return Boolean.getBoolean("truce.long") || "true".equals(System.getenv("TRUCE_LONG"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void acknowledgedReportsSurviveSigkillAndTheLogOnlyGrows(TestStores.Kind store) {
        boolean longTier = longTier();
        int rounds = Integer.getInteger("truce.kill.rounds", longTier ? LONG_ROUNDS : QUICK_ROUNDS);
        int writes = Integer.getInteger("truce.kill.writes", WRITES);
        int clients = Integer.getInteger("truce.kill.clients", CLIENTS);
        long seed = Long.getLong("truce.kill.seed", new SecureRandom().nextLong());
        System.out.println("kill recovery on " + store + ": " + (longTier ? "long" : "quick") + " tier, " + rounds + " kill rounds, "
                + writes + " writes, " + clients + " clients, seed " + seed);

        KillHarness.Result result = KillHarness.run(KillHarness.Config.of(store, temp.resolve("kill"), writes, rounds, seed)
                .withClients(clients));

        assertThat(result.rounds()).hasSize(rounds);
        assertThat(result.logSize()).isEqualTo(writes);
        assertThat(result.proofsVerified()).isPositive();
        System.out.println("kill recovery on " + store + " (" + (longTier ? "long" : "quick") + " tier) passed: " + result.summary());
    }
}
