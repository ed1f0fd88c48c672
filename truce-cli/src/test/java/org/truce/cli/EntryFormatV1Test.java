package org.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.service.ledger.EntryCodec;
import org.truce.service.projection.ProjectionDigest;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.merkle.MerkleTree;

/**
 * A committed schema-1 log (docs/spec/entry.md): every later version of Truce must read it, encode
 * each entry to the very same bytes, and replay it into the same projections. If this test fails,
 * a change broke the record's format; a new schema version must keep reading this one.
 */
class EntryFormatV1Test {
    private static final String FIXTURE = "/org/truce/cli/fixtures/log-v1.jsonl";
    private static final String EXPECTED = "/org/truce/cli/fixtures/log-v1.expected.properties";

    @TempDir
    Path temp;

    static List<byte[]> entries() throws IOException {
        try (InputStream in = EntryFormatV1Test.class.getResourceAsStream(FIXTURE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<byte[]> entries = new ArrayList<>();
            for (String line : text.split("\n")) {
                entries.add(line.getBytes(StandardCharsets.UTF_8));
            }
            return entries;
        }
    }

    static Properties expected() throws IOException {
        Properties p = new Properties();
        try (InputStream in = EntryFormatV1Test.class.getResourceAsStream(EXPECTED)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everyEntryOfTheV1LogReEncodesToTheSameBytes() throws IOException {
        for (byte[] entry : entries()) {
            assertThat(EntryCodec.encode(EntryCodec.decode(entry))).isEqualTo(entry);
        }
    }

    @Test
    void theV1LogHasItsTreeRootAndReplaysIntoTheSameProjections() throws IOException {
        List<byte[]> entries = entries();
        List<byte[]> leaves = entries.stream().map(Hashes::leafHash).toList();
        Properties expected = expected();
        assertThat(HexFormat.of().formatHex(MerkleTree.root(leaves))).isEqualTo(expected.getProperty("tree_root"));
        try (Runtime runtime = Runtime.open(TestStores.options(new TestStores.Kind("h2"), temp))) {
            runtime.ledger().mirror(entries);
            assertThat(ProjectionDigest.of(runtime.store())).isEqualTo(expected.getProperty("projection_digest"));
            assertThat(runtime.reports().count()).isEqualTo(Long.parseLong(expected.getProperty("reports")));
        }
    }
}
