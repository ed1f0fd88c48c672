package org.truce.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.file.FileRecordLog;
import org.truce.log.merkle.testing.CrashingMerkleAppender;
import org.truce.log.merkle.testing.LogDirectory;
import org.truce.log.merkle.testing.TestEntries;
import org.truce.log.merkle.testing.Verification;
import org.truce.log.merkle.tiles.FileTileStore;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.testing.ChildJvm;
import org.truce.verify.checkpoint.Checkpoint;

/**
 * Kills a child JVM with SIGKILL while it appends to a Merkle log and integrates, at a random
 * moment, three times over the same data directory. After each crash the log must reopen,
 * integrate what was sequenced, include every acknowledged entry, pass truce-verify's audit, and
 * every checkpoint any child reported as published must be consistent with every other and with
 * the final one.
 */
class MerkleCrashTest {
    private static final int ROUNDS = 3;
    private static final int CHILD_THREADS = 8;
    private static final long NUMBERS_PER_ROUND = 100_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEntryAndEveryPublishedCheckpointSurvivesSigkill() throws Exception {
        Map<Long, Long> acknowledged = new HashMap<>();
        List<SignedCheckpoint> published = new ArrayList<>();
        Logger recoveryLog = Logger.getLogger(FileRecordLog.class.getName());
        Level level = recoveryLog.getLevel();
        recoveryLog.setLevel(Level.SEVERE); // a truncated torn tail is an expected outcome here
        try {
            for (int round = 0; round < ROUNDS; round++) {
                ChildOutput output = crashOnce(round, 50 + RandomGenerator.getDefault().nextInt(400));
                assertThat(output.acknowledged).as("round %d acknowledged something", round).isNotEmpty();
                acknowledged.putAll(output.acknowledged);
                published.addAll(output.checkpoints);
                verifyRecovered(acknowledged, published, 2L * round + 2);
            }
        } finally {
            recoveryLog.setLevel(level);
        }
        assertThat(published).as("children published checkpoints").hasSizeGreaterThan(ROUNDS);
    }

    private ChildOutput crashOnce(int round, int killDelayMillis) throws Exception {
        try (ChildJvm child = ChildJvm.start(CrashingMerkleAppender.class, dataDir.resolve("child-" + round + ".err"),
                dataDir.toString(), Long.toString(round * NUMBERS_PER_ROUND), Integer.toString(CHILD_THREADS),
                Long.toString(2L * round + 1))) {
            child.awaitFirst(line -> !line.startsWith("checkpoint "));
            return ChildOutput.parse(child.killAfter(killDelayMillis));
        }
    }

    private void verifyRecovered(Map<Long, Long> acknowledged, List<SignedCheckpoint> published, long fencingToken)
            throws Exception {
        LogDirectory directory = new LogDirectory(dataDir);
        try (MerkleLog log = directory.open(fencingToken)) {
            long size = log.size();
            assertThat(log.awaitIntegrated(size, Duration.ofSeconds(30))).as("the backlog is integrated").isTrue();
            SignedCheckpoint last = log.checkpoint().orElseThrow();
            Checkpoint verified = Verification.verifiedCheckpoint(last, log.verifierKey());
            try (FileTileStore tiles = FileTileStore.open(directory.tiles())) {
                Verification.audit(tiles, verified);
            }
            for (Map.Entry<Long, Long> ack : acknowledged.entrySet()) {
                byte[] entry = TestEntries.entry(ack.getValue());
                assertThat(log.read(ack.getKey())).as("acknowledged entry %d", ack.getKey()).isEqualTo(entry);
                Verification.requireIncluded(log, ack.getKey(), entry, last);
            }
            List<SignedCheckpoint> all = new ArrayList<>(published);
            all.add(last);
            for (SignedCheckpoint checkpoint : all) {
                Verification.verifiedCheckpoint(checkpoint, log.verifierKey());
                assertThat(checkpoint.size()).as("a published checkpoint survived").isLessThanOrEqualTo(last.size());
            }
            Verification.requirePairwiseConsistent(all, log);
        }
    }

    private record ChildOutput(Map<Long, Long> acknowledged, List<SignedCheckpoint> checkpoints) {
        static ChildOutput parse(List<String> lines) {
            Map<Long, Long> acknowledged = new HashMap<>();
            List<SignedCheckpoint> checkpoints = new ArrayList<>();
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields[0].equals("checkpoint")) {
                    checkpoints.add(SignedCheckpoint.parse(Base64.getDecoder().decode(fields[1])));
                } else {
                    acknowledged.put(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
                }
            }
            return new ChildOutput(acknowledged, checkpoints);
        }
    }
}
