package org.truce.log.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.sign.WitnessKeys;
import org.truce.log.merkle.testing.LogDirectory;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.checkpoint.VerifiedCheckpoint;
import org.truce.verify.note.VerifierKey;

/**
 * The log side: every checkpoint goes to the witness, whose cosignature ends up on the published
 * (and stored) checkpoint; a witness that already holds a size answers 409 and is retried from it.
 */
class CosignatureCollectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final CosignatureCollector.Settings FAST =
            new CosignatureCollector.Settings(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(1));

    @TempDir
    Path temp;

    private final WitnessKeys witnessKeys = WitnessKeys.generate("test.example/witness");
    private final AtomicInteger conflicts = new AtomicInteger();

    /** A witness over HTTP on loopback, counting its 409 answers. */
    private HttpServer serve(Witness witness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/witness/add-checkpoint", exchange -> {
            byte[] body;
            int status;
            try {
                body = witness.addCheckpoint(exchange.getRequestBody().readAllBytes()).getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (WitnessException e) {
                status = e.reason().status();
                if (status == 409) {
                    conflicts.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", "text/x.tlog.size");
                    body = (e.storedSize().orElseThrow() + "\n").getBytes(StandardCharsets.US_ASCII);
                } else {
                    body = e.getMessage().getBytes(StandardCharsets.UTF_8);
                }
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private VerifiedCheckpoint awaitCosigned(MerkleLog log, long size) throws Exception {
        CheckpointVerifier verifier = CheckpointVerifier.forLog(VerifierKey.parse(log.verifierKey()))
                .withWitnesses(List.of(VerifierKey.parse(witnessKeys.verifierKey())), 1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SignedCheckpoint latest = log.checkpoint().orElse(null);
            if (latest != null && latest.size() == size) {
                try {
                    return verifier.verify(latest.note());
                } catch (Exception notYet) {
                    // not cosigned yet
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("checkpoint of size " + size + " not cosigned; latest " + log.checkpoint());
    }

    @Test
    void everyCheckpointIsCosignedAndAWitnessThatKnowsMoreIsRetriedFromItsSize() throws Exception {
        LogDirectory directory = new LogDirectory(temp.resolve("log"));
        try (MerkleLog log = directory.open(1)) {
            log.appendAll(TestEntries.entries(0, 300));
            assertThat(log.awaitIntegrated(300, WAIT)).isTrue();
            Witness witness = new Witness(witnessKeys, temp.resolve("witness"), List.of(VerifierKey.parse(log.verifierKey())),
                    Clock.systemUTC());
            // the witness already cosigned size 300 (for an earlier run of this log, say)
            witness.addCheckpoint(("old 0\n\n" + new String(log.checkpoint().orElseThrow().note(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            HttpServer server = serve(witness);
            String prefix = "http://127.0.0.1:" + server.getAddress().getPort() + "/witness";
            try (CosignatureCollector collector = CosignatureCollector.start(log,
                    List.of(WitnessEndpoint.parse(prefix + "=" + witnessKeys.verifierKey())), FAST)) {
                awaitCosigned(log, 300);
                assertThat(conflicts.get()).isEqualTo(1);

                log.appendAll(TestEntries.entries(300, 1000));
                VerifiedCheckpoint grown = awaitCosigned(log, 1000);
                assertThat(grown.cosignatures()).hasSize(1);
                assertThat(witness.latest(log.origin())).hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(1000));
                assertThat(conflicts.get()).isEqualTo(1);
            } finally {
                server.stop(0);
            }
        }
        // the cosigned checkpoint was stored, and the log reopens from it
        try (FileTileStore store = FileTileStore.open(directory.tiles())) {
            assertThat(new String(store.latestCheckpoint().orElseThrow().note(), StandardCharsets.UTF_8))
                    .contains("\u2014 test.example/witness ");
        }
        try (MerkleLog reopened = directory.open(2)) {
            assertThat(reopened.awaitIntegrated(1000, WAIT)).isTrue();
        }
    }

    @Test
    void cosignaturesAreAddedOnlyToTheLatestTreeAndNeverAsTheLogsOwnKey() throws Exception {
        LogDirectory directory = new LogDirectory(temp.resolve("log"));
        try (MerkleLog log = directory.open(1)) {
            log.appendAll(TestEntries.entries(0, 10));
            assertThat(log.awaitIntegrated(10, WAIT)).isTrue();
            SignedCheckpoint latest = log.checkpoint().orElseThrow();
            String text = new String(latest.note(), StandardCharsets.UTF_8).split("\n\n")[0] + "\n";
            String line = witnessKeys.cosign(text.getBytes(StandardCharsets.UTF_8), 1).line();
            assertThat(log.addCosignatures(9, List.of(line))).isFalse();
            assertThat(log.addCosignatures(10, List.of(line))).isTrue();
            String later = witnessKeys.cosign(text.getBytes(StandardCharsets.UTF_8), 2).line();
            assertThat(log.addCosignatures(10, List.of(later))).isTrue(); // replaces the witness's earlier line
            String note = new String(log.checkpoint().orElseThrow().note(), StandardCharsets.UTF_8);
            assertThat(note).contains(later).doesNotContain(line);
            assertThat(log.checkpoint().orElseThrow().sameTree(latest)).isTrue();

            String logLine = note.split("\n\n")[1].split("\n")[0];
            assertThatThrownBy(() -> log.addCosignatures(10, List.of(logLine))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.addCosignatures(10, List.of("not a line"))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
