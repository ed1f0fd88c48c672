package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.truce.service.format.Json;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.cli.Cli;
import org.truce.verify.merkle.InclusionProof;
import org.truce.verify.note.VerifierKey;

/**
 * The record as an outsider checks it: the standalone verifier fetches the checkpoint and tiles of a
 * running Truce over HTTP and recomputes everything; a submitter proves their report is in with its
 * receipt; an altered entry is caught and named.
 */
class VerifiableLogTest {
    @TempDir
    Path temp;

    static List<TestStores.Kind> stores() {
        return TestStores.kinds();
    }

    private record Run(int exit, String out, String err) {
    }

    private Run verifier(TestServer server, Path state) {
        String key = server.get("/log/key").body().strip();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"--url", server.uri("/log").toString(), "--key", key, "--state", state.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theStandaloneVerifierChecksTheRunningLogAndItsGrowth(TestStores.Kind store) throws Exception {
        Path state = temp.resolve("verifier-state");
        try (TestServer server = TestServer.start(TestStores.options(store, temp), true)) {
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            Run first = verifier(server, state);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains(String.valueOf(server.runtime().ledger().size()));

            assertThat(server.postJson("/api/v1/reports", ReportApiTest.VALID).statusCode()).isEqualTo(201);
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            Run second = verifier(server, state);
            assertThat(second.exit()).as(second.err()).isZero();

            HttpResponse<String> tile = server.get("/log/tile/0/000");
            assertThat(tile.statusCode()).isEqualTo(200);
            assertThat(tile.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("immutable"));
            assertThat(server.get("/log/checkpoint").headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(server.get("/log/tile/0/x1").statusCode()).isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aSubmitterProvesTheirReportIsInTheLogWithItsReceipt(TestStores.Kind store) throws Exception {
        try (TestServer server = TestServer.start(TestStores.options(store, temp), false)) {
            JsonNode created = Json.parse(server.postJson("/api/v1/reports", ReportApiTest.VALID).body().getBytes(StandardCharsets.UTF_8));
            long index = created.get("log_index").asLong();
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            JsonNode receipt = json(server.get("/api/v1/log/receipt/" + index));

            VerifierKey key = VerifierKey.parse(receipt.get("verifier_key").textValue());
            Checkpoint checkpoint = CheckpointVerifier.forLog(key)
                    .verify(receipt.get("checkpoint").textValue().getBytes(StandardCharsets.UTF_8)).checkpoint();
            List<byte[]> proof = new ArrayList<>();
            receipt.get("proof").forEach(h -> proof.add(Base64.getDecoder().decode(h.textValue())));
            byte[] leaf = Base64.getDecoder().decode(receipt.get("leaf_hash").textValue());
            InclusionProof.verify(index, checkpoint.size(), leaf, proof, checkpoint.rootHash());

            byte[] flipped = leaf.clone();
            flipped[0] ^= 1;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> InclusionProof.verify(index, checkpoint.size(), flipped, proof,
                    checkpoint.rootHash())).isInstanceOf(Exception.class);

            assertThat(server.get("/api/v1/log/receipt/" + (index + 5)).statusCode()).isEqualTo(404);
            assertThat(server.get("/api/v1/log/receipt/minus-one").statusCode()).isEqualTo(400);
            assertThat(server.get("/api/v1/log/proof/inclusion?index=0&size=99").statusCode()).isEqualTo(400);
            assertThat(json(server.get("/api/v1/log/proof/consistency?from=1&to=1")).get("proof").size()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anAlteredEntryBundleIsCaughtAndTheIndexNamed(TestStores.Kind store) throws Exception {
        StoreOptions options = TestStores.options(store, temp);
        Path state = temp.resolve("verifier-state");
        try (TestServer server = TestServer.start(options, true)) {
            assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).isTrue();
            assertThat(verifier(server, state).exit()).isZero();
        }
        tamperWithEntryZero(options);
        try (TestServer server = TestServer.start(options, false)) {
            Run run = verifier(server, state);
            assertThat(run.exit()).isNotZero();
            assertThat(run.err() + run.out()).contains("entry 0 does not match its tile");
        }
    }

    private Run truceVerify(StoreOptions options, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", "--data", options.data().toString()));
        if (options.db() != null) {
            args.addAll(List.of("--db", options.db(), "--db-user", options.dbUser(), "--db-password", options.dbPassword()));
        }
        args.addAll(List.of(extra));
        picocli.CommandLine cli = org.truce.cli.command.TruceCommand.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out));
        cli.setErr(new java.io.PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void truceVerifyChecksTheStoredLogAndReplaysItIntoTheSameProjections(TestStores.Kind store) throws Exception {
        StoreOptions options = TestStores.options(store, temp);
        try (TestServer server = TestServer.start(options, true)) {
            assertThat(server.postJson("/api/v1/reports", ReportApiTest.VALID).statusCode()).isEqualTo(201);
        }
        Run ok = truceVerify(options, "--replay");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("verified", "the projections equal a replay of the log");

        tamperWithEntryZero(options);
        Run broken = truceVerify(options);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("FAILED", "entry 0 does not match its tile");
    }

    /**
     * Alters one byte of entry 0 where the log stores it: in the first entry bundle file of the
     * embedded store, or in its row of the PostgreSQL table. Byte 22 lies inside entry 0 (after its
     * 2-byte length), so only that entry changes.
     */
    private void tamperWithEntryZero(StoreOptions options) throws Exception {
        if (options.db() == null) {
            Path bundle = firstEntryBundle(temp.resolve("data").resolve("tiles"));
            byte[] bytes = Files.readAllBytes(bundle);
            bytes[22] ^= 0x01;
            Files.write(bundle, bytes);
            return;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(options.db(), options.dbUser(), options.dbPassword())) {
            int width;
            byte[] bytes;
            try (var s = c.prepareStatement("SELECT width, data FROM log_entry_bundles WHERE idx = 0 ORDER BY width DESC LIMIT 1");
                 var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                width = rs.getInt(1);
                bytes = rs.getBytes(2);
            }
            bytes[22] ^= 0x01;
            try (var u = c.prepareStatement("UPDATE log_entry_bundles SET data = ? WHERE idx = 0 AND width = ?")) {
                u.setBytes(1, bytes);
                u.setInt(2, width);
                assertThat(u.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static Path firstEntryBundle(Path tiles) throws IOException {
        try (Stream<Path> files = Files.walk(tiles.resolve("tile").resolve("entries"))) {
            return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
    }
}
