package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.testing.FaultyTileStore;
import org.truce.log.merkle.testing.MemoryRecordLog;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;

/**
 * Interoperability with Tessera: fed the entries of Tessera's test log and signing with its
 * published test key, the log writes every checkpoint, tile and bundle of that log byte for byte.
 */
class TesseraLogTest {
    private static final String SIGNER_KEY =
            "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
    private static final List<String> ENTRIES = List.of("one", "two", "three", "four", "five", "six", "seven", "eit",
            "nain", "ten", "ileven", "twelf", "threeten", "fourten", "fivten");

    @TempDir
    Path directory;

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = TesseraLogTest.class.getResourceAsStream("/tlog/tessera-log/" + path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void everyCheckpointTileAndBundleIsTesserasByteForByte() throws Exception {
        FaultyTileStore store = new FaultyTileStore(FileTileStore.open(directory));
        try (MerkleLog log = MerkleLog.open(new MemoryRecordLog(), store, SigningKeys.parse(SIGNER_KEY).signer(), 1,
                new MerkleLog.Settings(Duration.ZERO, Duration.ofMillis(20), 16))) {
            assertThat(log.awaitIntegrated(0, Duration.ofSeconds(10))).isTrue();
            for (int n = 1; n <= ENTRIES.size(); n++) {
                log.append(ENTRIES.get(n - 1).getBytes(StandardCharsets.UTF_8));
                assertThat(log.awaitIntegrated(n, Duration.ofSeconds(10))).isTrue();
                assertThat(log.tile(0, 0, n)).hasValue(resource("tile/0/000.p/" + n));
                assertThat(log.entryBundle(0, n)).hasValue(resource("tile/entries/000.p/" + n));
            }
            assertThat(log.checkpoint().orElseThrow().note()).isEqualTo(resource("checkpoint"));
        }
        List<SignedCheckpoint> published = store.published();
        assertThat(published).hasSize(ENTRIES.size() + 1);
        for (SignedCheckpoint checkpoint : published) {
            assertThat(new String(checkpoint.note(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(resource("checkpoint." + checkpoint.size()), StandardCharsets.UTF_8));
        }
    }
}
