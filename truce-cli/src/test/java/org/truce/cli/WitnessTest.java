package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.sign.WitnessKeys;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.checkpoint.VerifiedCheckpoint;
import org.truce.verify.cli.Cli;
import org.truce.verify.note.VerifierKey;

/**
 * Two Truce nodes run by parties that distrust each other: node B witnesses node A's log
 * (C2SP tlog-witness), A's checkpoints carry B's cosignature, and the standalone verifier requires
 * it with {@code --witness B --quorum 1}.
 */
class WitnessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private static Run verify(TestServer log, String logKey, String witnessKey, Path state) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"--url", log.uri("/log").toString(), "--key", logKey, "--witness", witnessKey,
                "--quorum", "1", "--state", state.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Waits until the served checkpoint covers every entry of {@code log} and carries the witness's valid cosignature. */
    private static VerifiedCheckpoint awaitCosigned(TestServer log, String logKey, String witnessKey) throws Exception {
        CheckpointVerifier verifier = CheckpointVerifier.forLog(VerifierKey.parse(logKey))
                .withWitnesses(List.of(VerifierKey.parse(witnessKey)), 1);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = log.get("/log/checkpoint");
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                try {
                    VerifiedCheckpoint checkpoint = verifier.verify(response.body().getBytes(StandardCharsets.UTF_8));
                    if (checkpoint.checkpoint().size() == log.runtime().ledger().size()) {
                        return checkpoint;
                    }
                } catch (Exception notYet) {
                    last += " (" + notYet.getMessage() + ")";
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint cosigned by the witness within " + PATIENCE + "; last: " + last);
    }

    private StoreOptions options(String node) {
        return TestStores.options(new TestStores.Kind("h2"), temp.resolve(node));
    }

    @Test
    void aSecondNodeWitnessesTheLogAndTheVerifierRequiresItsCosignature() throws Exception {
        StoreOptions a = options("a");
        // A's log key is made on A's first open; making it first lets B be configured to witness it
        String logKey = SigningKeys.loadOrCreate(a.data()).verifierKey();
        Path state = temp.resolve("verifier-state");
        try (TestServer witness = TestServer.start(options("b"), WitnessOptions.of(List.of(logKey), List.of()), false)) {
            HttpResponse<String> keyResponse = witness.get("/log/witness/key");
            assertThat(keyResponse.statusCode()).isEqualTo(200);
            String witnessKey = keyResponse.body().strip();
            assertThat(VerifierKey.parse(witnessKey).type()).isEqualTo(VerifierKey.TYPE_COSIGNATURE_V1);
            List<String> witnesses = List.of(witness.uri("/log/witness") + "=" + witnessKey);

            long firstSize;
            try (TestServer log = TestServer.start(a, WitnessOptions.of(List.of(), witnesses), true)) {
                VerifiedCheckpoint cosigned = awaitCosigned(log, logKey, witnessKey);
                firstSize = cosigned.checkpoint().size();
                assertThat(firstSize).isPositive();
                assertThat(cosigned.cosignatures()).singleElement()
                        .satisfies(c -> assertThat(c.name()).isEqualTo(WitnessKeys.DEFAULT_NAME));

                Run ok = verify(log, logKey, witnessKey, state);
                assertThat(ok.exit()).as(ok.err()).isZero();
                assertThat(ok.out()).contains("1 of 1 witnesses cosigned");

                String stranger = WitnessKeys.generate("truce.example/other-witness").verifierKey();
                Run unwitnessed = verify(log, logKey, stranger, temp.resolve("stranger-state"));
                assertThat(unwitnessed.exit()).isNotZero();
                assertThat(unwitnessed.err()).contains("witness quorum not met");

                witnessRefusesWhatItMust(witness, log);
            }

            // A restarts: it no longer knows what B cosigned, sends old 0, is told B's size (409) and retries from it
            try (TestServer log = TestServer.start(a, WitnessOptions.of(List.of(), witnesses), true)) {
                awaitCosigned(log, logKey, witnessKey);
                assertThat(log.postJson("/api/v1/reports", ReportApiTest.VALID).statusCode()).isEqualTo(201);
                VerifiedCheckpoint grown = awaitCosigned(log, logKey, witnessKey);
                assertThat(grown.checkpoint().size()).isGreaterThan(firstSize);
                assertThat(witness.runtime().witness().orElseThrow().latest(grown.checkpoint().origin()))
                        .hasValueSatisfying(c -> assertThat(c.size()).isEqualTo(grown.checkpoint().size()));

                Run again = verify(log, logKey, witnessKey, state);
                assertThat(again.exit()).as(again.err()).isZero();
                assertThat(again.out()).contains("consistent with saved size " + firstSize, "1 of 1 witnesses cosigned");
            }
        }
    }

    /** The HTTP face of the witness: 409 with the size, 404 for another log, 400 problems for garbage. */
    private static void witnessRefusesWhatItMust(TestServer witness, TestServer log) {
        String note = log.get("/log/checkpoint").body();
        long size = log.runtime().ledger().size();
        HttpResponse<String> stale = postText(witness, "old 0\n\n" + note);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/x.tlog.size"));
        assertThat(stale.body()).isEqualTo(size + "\n");

        HttpResponse<String> same = postText(witness, "old " + size + "\n\n" + note);
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(same.body()).startsWith("\u2014 " + WitnessKeys.DEFAULT_NAME + " ");

        String foreign = new String(SigningKeys.generate("truce.example/unwitnessed").signer().sign(0,
                org.truce.verify.merkle.Hashes.emptyRoot()), StandardCharsets.UTF_8);
        assertThat(postText(witness, "old 0\n\n" + foreign).statusCode()).isEqualTo(404);
        HttpResponse<String> garbage = postText(witness, "hello");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(garbage.body()).contains("old <size>");
        // a node that witnesses nothing says so
        assertThat(log.get("/log/witness/key").statusCode()).isEqualTo(404);
        assertThat(postText(log, "old 0\n\n" + note).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> postText(TestServer server, String body) {
        return server.send(HttpRequest.newBuilder(server.uri("/log/witness/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }
}
