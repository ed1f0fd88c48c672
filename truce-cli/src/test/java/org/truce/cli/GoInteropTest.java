package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.service.format.Json;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileLayout;

/**
 * Truce's log as an implementation nobody here wrote reads it: the Go program in
 * {@code src/test/go/tlogcheck}, on Go's own {@code golang.org/x/mod/sumdb/note} and
 * {@code sumdb/tlog}, verifies a running Truce's signed checkpoint, receipts (inclusion proofs of
 * entries read from the entry bundles) and consistency proofs from older checkpoints, and rejects
 * each of them altered. It builds offline from Debian's {@code golang-go} and
 * {@code golang-golang-x-mod-dev}, in GOPATH mode; without them this test fails, it never skips.
 */
class GoInteropTest {
    /** Where Debian's golang-golang-x-mod-dev puts the sources: a GOPATH. */
    private static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");
    private static final String PACKAGES = "golang-go golang-golang-x-mod-dev";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path temp;

    private static Path tool;
    private static String key;
    private static String checkpoint;
    private static Checkpoint parsed;
    private static final List<ObjectNode> inclusions = new ArrayList<>();
    private static final List<ObjectNode> consistencies = new ArrayList<>();

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    @BeforeAll
    static void buildTheGoProgramAndReadALog() throws Exception {
        tool = buildTool();
        try (TestServer server = TestServer.start(TestStores.options(new TestStores.Kind("h2"), temp), true)) {
            HttpClient http = HttpClient.newHttpClient();
            key = text(server, "/log/key").strip();
            // Three signed checkpoints: after the demo, after one report, after three more.
            List<String> older = new ArrayList<>();
            older.add(awaitCheckpoint(server));
            post(server, 1);
            older.add(awaitCheckpoint(server));
            post(server, 3);
            checkpoint = awaitCheckpoint(server);
            parsed = CheckpointVerifier.forLog(VerifierKey.parse(key)).verify(checkpoint.getBytes(StandardCharsets.UTF_8)).checkpoint();
            long size = parsed.size();
            long demo = size(older.get(0));
            assertThat(demo).as("the demo's log size").isGreaterThan(2);
            assertThat(List.of(size(older.get(1)), size)).as("the checkpoints after 1 and 4 reports").containsExactly(demo + 1, demo + 4);
            System.out.println("Go interop: log sizes " + demo + ", " + size(older.get(1)) + ", " + size);

            // Receipts for the first, second, middle and last demo entries, the reports, and tile edges.
            TreeSet<Long> indexes = new TreeSet<>(List.of(0L, 1L, demo / 2, demo - 1, demo, size - 1, 255L, 256L));
            for (long index : indexes.headSet(size)) {
                JsonNode receipt = json(server, "/api/v1/log/receipt/" + index);
                assertThat(receipt.get("checkpoint").textValue()).as("receipt %d's checkpoint", index).isEqualTo(checkpoint);
                assertThat(receipt.get("verifier_key").textValue()).isEqualTo(key);
                assertThat(receipt.get("tree_size").asLong()).isEqualTo(size);
                ObjectNode request = Json.object().put("index", index)
                        .put("entry", Base64.getEncoder().encodeToString(entry(http, server, index, size)))
                        .put("leaf_hash", receipt.get("leaf_hash").textValue());
                request.set("proof", receipt.get("proof"));
                inclusions.add(request);
            }
            older.add(checkpoint); // from a size to itself: an empty proof
            for (String old : older) {
                JsonNode proof = json(server, "/api/v1/log/proof/consistency?from=" + size(old) + "&to=" + size);
                ObjectNode request = Json.object().put("checkpoint", old);
                request.set("proof", proof.get("proof"));
                consistencies.add(request);
            }
        }
    }

    @Test
    void goVerifiesTheCheckpointItsInclusionProofsAndConsistencyProofs() throws Exception {
        Run run = check(key, checkpoint, requests(inclusions, consistencies));
        assertThat(run.exit()).as("Go's sumdb note/tlog must accept Truce's log:\n%s", run).isZero();
        JsonNode result = Json.parse(run.out().getBytes(StandardCharsets.UTF_8));
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("origin").textValue()).isEqualTo(parsed.origin()).isEqualTo(result.get("key_name").textValue());
        assertThat(result.get("size").asLong()).isEqualTo(parsed.size());
        assertThat(result.get("root").textValue()).isEqualTo(Base64.getEncoder().encodeToString(parsed.rootHash()));
        assertThat(result.get("extensions").asInt()).isZero();
        assertThat(result.get("inclusion_verified").asInt()).isEqualTo(inclusions.size()).isGreaterThanOrEqualTo(6);
        assertThat(result.get("consistency_verified").asInt()).isEqualTo(consistencies.size()).isEqualTo(3);

        // Each older checkpoint is a valid signed checkpoint on its own too.
        for (ObjectNode c : consistencies) {
            Run alone = check(key, c.get("checkpoint").textValue(), null);
            assertThat(alone.exit()).as("%s", alone).isZero();
            assertThat(Json.parse(alone.out().getBytes(StandardCharsets.UTF_8)).get("size").asLong())
                    .isEqualTo(size(c.get("checkpoint").textValue()));
        }
    }

    @Test
    void aSignatureWithOneAlteredByteIsRejected() throws Exception {
        String altered = alterSignature(checkpoint);
        assertThat(altered).isNotEqualTo(checkpoint);
        rejected(check(key, altered, null), "invalid signature");
        // An older checkpoint given for a consistency proof is verified the same way.
        ObjectNode c = consistencies.get(0).deepCopy().put("checkpoint", alterSignature(consistencies.get(0).get("checkpoint").textValue()));
        rejected(check(key, checkpoint, requests(List.of(), List.of(c))), "invalid signature");
        // So is the signed text: one more entry than was signed.
        rejected(check(key, checkpoint.replaceFirst("\n" + parsed.size() + "\n", "\n" + (parsed.size() + 1) + "\n"), null),
                "invalid signature");
    }

    @Test
    void aWrongKeyIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        byte[] spki = generator.generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        VerifierKey log = VerifierKey.parse(key);
        String sameNameOtherKey = VerifierKey.of(log.name(), VerifierKey.TYPE_ED25519, raw).encode();
        rejected(check(sameNameOtherKey, checkpoint, requests(inclusions, consistencies)), "no verifiable signatures");
        String otherNameSameKey = VerifierKey.of(log.name() + "-other", VerifierKey.TYPE_ED25519, log.publicKey()).encode();
        rejected(check(otherNameSameKey, checkpoint, null), "no verifiable signatures");
    }

    @Test
    void aProofWithOneHashFlippedIsRejected() throws Exception {
        int flipped = 0;
        for (ObjectNode in : inclusions) {
            for (int i = 0; i < in.get("proof").size(); i++) {
                ObjectNode bad = in.deepCopy();
                flipHash((ArrayNode) bad.get("proof"), i);
                rejected(check(key, checkpoint, requests(List.of(bad), List.of())), "inclusion of entry " + in.get("index").asLong());
                flipped++;
            }
        }
        for (ObjectNode c : consistencies) {
            for (int i = 0; i < c.get("proof").size(); i++) {
                ObjectNode bad = c.deepCopy();
                flipHash((ArrayNode) bad.get("proof"), i);
                rejected(check(key, checkpoint, requests(List.of(), List.of(bad))), "consistency of tree");
                flipped++;
            }
        }
        assertThat(flipped).as("hashes flipped").isGreaterThan(10);
        // A flipped leaf hash in a receipt no longer matches the entry.
        ObjectNode leaf = inclusions.get(0).deepCopy();
        leaf.put("leaf_hash", flip(leaf.get("leaf_hash").textValue()));
        rejected(check(key, checkpoint, requests(List.of(leaf), List.of())), "is not RecordHash(entry)");
    }

    @Test
    void aWrongIndexOrEntryIsRejected() throws Exception {
        for (ObjectNode in : inclusions) {
            long index = in.get("index").asLong();
            ObjectNode bad = in.deepCopy().put("index", index + 1 < parsed.size() ? index + 1 : index - 1);
            rejected(check(key, checkpoint, requests(List.of(bad), List.of())), "inclusion of entry");
        }
        ObjectNode outside = inclusions.get(0).deepCopy().put("index", parsed.size());
        rejected(check(key, checkpoint, requests(List.of(outside), List.of())), "invalid inputs");
        // An entry with one byte changed, and no leaf hash to give it away.
        ObjectNode entry = inclusions.get(1).deepCopy();
        entry.remove("leaf_hash");
        byte[] bytes = Base64.getDecoder().decode(entry.get("entry").textValue());
        bytes[bytes.length / 2] ^= 0x01;
        entry.put("entry", Base64.getEncoder().encodeToString(bytes));
        rejected(check(key, checkpoint, requests(List.of(entry), List.of())), "invalid transparency proof");
        // A consistency proof from an older checkpoint is no proof from another size.
        ObjectNode first = consistencies.get(0);
        ObjectNode mismatched = consistencies.get(1).deepCopy();
        mismatched.set("proof", first.get("proof"));
        rejected(check(key, checkpoint, requests(List.of(), List.of(mismatched))), "consistency of tree");
    }

    // --- the Go program ------------------------------------------------------------------------

    /**
     * Builds tlogcheck offline: GOPATH mode over Debian's /usr/share/gocode, no module proxy, no
     * toolchain download, no cgo, and a clean environment (no user go.env, caches in the temp dir).
     */
    private static Path buildTool() throws Exception {
        Path go = findGo();
        for (String pkg : List.of("note/note.go", "tlog/tlog.go")) {
            if (!Files.isRegularFile(DEBIAN_GOPATH.resolve("src/golang.org/x/mod/sumdb").resolve(pkg))) {
                fail("GoInteropTest needs the golang.org/x/mod sources under " + DEBIAN_GOPATH + " (no golang.org/x/mod/sumdb/" + pkg
                        + "): install the Debian packages " + PACKAGES + " (apt-get install " + PACKAGES
                        + "; ./truce test installs them when run as root)");
            }
        }
        Path source = Path.of(System.getProperty("basedir", ".")).resolve("src/test/go/tlogcheck").toAbsolutePath();
        assertThat(source.resolve("main.go")).as("the Go program's source").isRegularFile();
        Path binary = temp.resolve("tlogcheck");
        Run build = exec(List.of(go.toString(), "build", "-o", binary.toString(), "."), source, null, BUILD_TIMEOUT);
        assertThat(build.exit()).as("go build of %s failed (offline, GOPATH=%s; packages %s):\n%s", source, DEBIAN_GOPATH, PACKAGES, build)
                .isZero();
        return binary;
    }

    private static Path findGo() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "go"));
            }
        }
        candidates.add(Path.of("/usr/lib/go/bin/go"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseGet(() -> fail(
                "GoInteropTest needs the Go toolchain (no `go` on PATH or in /usr/lib/go/bin): install the Debian packages " + PACKAGES
                        + " (apt-get install " + PACKAGES + "; ./truce test installs them when run as root)"));
    }

    /** Runs tlogcheck on the key, the checkpoint and, when not null, the requests (on standard input). */
    private static Run check(String vkey, String note, String requests) throws Exception {
        Path dir = Files.createTempDirectory(temp, "check");
        Files.writeString(dir.resolve("key"), vkey + "\n");
        Files.writeString(dir.resolve("checkpoint"), note);
        List<String> command = new ArrayList<>(List.of(tool.toString(), "-key", dir.resolve("key").toString(),
                "-checkpoint", dir.resolve("checkpoint").toString()));
        if (requests != null) {
            command.addAll(List.of("-requests", "-"));
        }
        return exec(command, dir, requests, RUN_TIMEOUT);
    }

    private static void rejected(Run run, String reason) {
        assertThat(run.exit()).as("Go must reject this (%s):\n%s", reason, run).isEqualTo(1);
        assertThat(run.err()).as("%s", run).contains(reason);
    }

    private static Run exec(List<String> command, Path dir, String stdin, Duration timeout) throws Exception {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        Path home = Files.createDirectories(temp.resolve("go-home"));
        env.putAll(Map.of("PATH", path, "HOME", home.toString(), "GOPATH", DEBIAN_GOPATH.toString(), "GO111MODULE", "off",
                "GOPROXY", "off", "GOTOOLCHAIN", "local", "GOFLAGS", "-buildvcs=false", "GOENV", "off", "CGO_ENABLED", "0",
                "GOCACHE", Files.createDirectories(temp.resolve("go-cache")).toString()));
        env.put("GOTMPDIR", Files.createDirectories(temp.resolve("go-tmp")).toString());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out).strip(), Files.readString(err).strip());
    }

    // --- the log, from the server --------------------------------------------------------------

    private static void post(TestServer server, int reports) {
        for (int i = 0; i < reports; i++) {
            String body = ReportApiTest.VALID.replace("Mortar shells hit al-Midan", "Mortar shells hit al-Midan (" + System.nanoTime() + ")");
            HttpResponse<String> created = server.postJson("/api/v1/reports", body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
    }

    /** Waits until everything recorded is in a signed checkpoint and returns that checkpoint. */
    private static String awaitCheckpoint(TestServer server) throws InterruptedException {
        assertThat(server.runtime().awaitCheckpoint(Duration.ofSeconds(30))).as("a checkpoint within 30 s").isTrue();
        return text(server, "/log/checkpoint");
    }

    /** Entry {@code index}, read from its entry bundle in a tree of {@code size}. */
    private static byte[] entry(HttpClient http, TestServer server, long index, long size) throws Exception {
        long n = index / TileId.FULL_WIDTH;
        TileId bundle = TileId.entries(n, TileLayout.width(0, n, size));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.uri("/log/" + bundle.path())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET /log/%s", bundle.path()).isEqualTo(200);
        return EntryBundle.parse(bundle, response.body()).get((int) (index % TileId.FULL_WIDTH));
    }

    private static String text(TestServer server, String path) {
        HttpResponse<String> response = server.get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode json(TestServer server, String path) {
        return Json.parse(text(server, path).getBytes(StandardCharsets.UTF_8));
    }

    // --- alterations ---------------------------------------------------------------------------

    private static long size(String note) {
        return Long.parseLong(note.split("\n")[1]);
    }

    private static String requests(List<ObjectNode> inclusion, List<ObjectNode> consistency) {
        ObjectNode body = Json.object();
        inclusion.forEach(body.putArray("inclusion")::add);
        consistency.forEach(body.putArray("consistency")::add);
        return Json.write(body);
    }

    /** Flips one bit in the Ed25519 signature of the note's first signature line (not in its key ID). */
    private static String alterSignature(String note) {
        int start = note.lastIndexOf("\n\n") + 2;
        int end = note.indexOf('\n', start);
        String line = note.substring(start, end);
        int space = line.lastIndexOf(' ');
        byte[] sig = Base64.getDecoder().decode(line.substring(space + 1));
        sig[4 + 20] ^= 0x01;
        return note.substring(0, start) + line.substring(0, space + 1) + Base64.getEncoder().encodeToString(sig) + note.substring(end);
    }

    private static void flipHash(ArrayNode proof, int i) {
        proof.set(i, flip(proof.get(i).textValue()));
    }

    private static String flip(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length - 1] ^= 0x01;
        return Base64.getEncoder().encodeToString(bytes);
    }
}
