package org.truce.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.truce.log.RecordLog;
import org.truce.log.merkle.LogIntegrityException;
import org.truce.log.merkle.MerkleLog;
import org.truce.log.merkle.sign.CheckpointSigner;
import org.truce.log.merkle.sign.SigningKeys;
import org.truce.log.merkle.tiles.CheckpointConflictException;
import org.truce.log.merkle.tiles.CorruptedStoreException;
import org.truce.log.merkle.tiles.SignedCheckpoint;
import org.truce.log.merkle.tiles.StaleFencingTokenException;
import org.truce.log.merkle.tiles.TileConflictException;
import org.truce.log.merkle.tiles.TileStore;
import org.truce.log.testing.Concurrently;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.ConsistencyProof;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.EntryBundle;
import org.truce.verify.tiles.EntryMismatchException;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;
import org.truce.verify.tiles.TileId;
import org.truce.verify.tiles.TileMismatchException;
import org.truce.verify.tiles.TileTree;

/**
 * The {@link TileStore} contract for {@link JdbcTileStore}, and a Merkle log over {@link JdbcRecordLog}
 * and it, audited by truce-verify; run on each database by its subclasses.
 */
abstract class JdbcTileStoreContract {
    private static final SigningKeys KEYS = SigningKeys.generate("test.truce/log");
    private static final CheckpointSigner SIGNER = KEYS.signer();
    private static final MerkleLog.Settings FAST = MerkleLog.Settings.defaults()
            .withRoundInterval(Duration.ofMillis(5))
            .withPollInterval(Duration.ofMillis(50));
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(60);

    private final Dialect dialect;
    @TempDir
    Path tempDir;

    private TestDatabase db;
    private JdbcTileStore store;

    JdbcTileStoreContract(Dialect dialect) {
        this.dialect = dialect;
    }

    @BeforeEach
    void open() {
        db = TestDatabase.create(dialect, tempDir);
        store = new JdbcTileStore(db.database());
    }

    @AfterEach
    void close() {
        if (db != null) {
            store.close();
            db.close();
        }
    }

    private static SignedCheckpoint checkpoint(long size, int rootSeed) {
        byte[] root = new byte[Hashes.SIZE];
        Arrays.fill(root, (byte) rootSeed);
        return SignedCheckpoint.parse(SIGNER.sign(size, root));
    }

    private static byte[] hashes(int width, int seed) {
        byte[] bytes = new byte[width * Hashes.SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return bytes;
    }

    /** A store per thread over the same database, as other processes would have. */
    private List<JdbcTileStore> storesOfTheirOwn(int count) {
        List<JdbcTileStore> stores = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stores.add(new JdbcTileStore(db.database()));
        }
        return stores;
    }

    private long count(String table) {
        return db.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    // ---- tiles and bundles ----

    @Test
    void hashTiles_readBackByExactWidth_partialWidthsAreResourcesOfTheirOwn() {
        store.writeHashTile(0, 1234, 7, hashes(7, 1));
        store.writeHashTile(0, 1234, 256, hashes(256, 2));
        store.writeHashTile(63, 0, 1, hashes(1, 3));

        assertThat(store.readHashTile(0, 1234, 7)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(7, 1)));
        assertThat(store.read(TileId.hashes(0, 1234, 256))).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(256, 2)));
        assertThat(store.readHashTile(63, 0, 1)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(1, 3)));
        assertThat(store.readHashTile(0, 1234, 6)).as("not a prefix of a wider tile").isEmpty();
        assertThat(store.readHashTile(0, 1234, 8)).isEmpty();
        assertThat(store.readHashTile(1, 1234, 7)).isEmpty();
        assertThat(store.readHashTile(0, 1235, 7)).isEmpty();
        assertThat(count("log_tiles")).isEqualTo(3);
    }

    @Test
    void entryBundles_readBackByExactWidth_apartFromHashTiles() {
        store.writeEntryBundle(1234, 7, new byte[] {0, 1, 42});
        store.writeEntryBundle(1234, 256, new byte[] {0, 2, 42, 43});
        store.writeHashTile(0, 1234, 7, hashes(7, 1));

        assertThat(store.readEntryBundle(1234, 7)).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 42));
        assertThat(store.read(TileId.entries(1234, 256))).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 2, 42, 43));
        assertThat(store.readEntryBundle(1234, 6)).isEmpty();
        assertThat(store.readEntryBundle(1233, 7)).isEmpty();
        assertThat(store.readHashTile(0, 1234, 7)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(7, 1)));
        assertThat(count("log_entry_bundles")).isEqualTo(2);
    }

    @Test
    void largestBundle_roundTrips() {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < TileId.FULL_WIDTH; i++) {
            byte[] entry = new byte[0xffff];
            Arrays.fill(entry, (byte) i);
            entries.add(entry);
        }
        byte[] bundle = EntryBundle.encode(entries);
        store.writeEntryBundle(0, 256, bundle);
        assertThat(store.readEntryBundle(0, 256)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bundle));
    }

    @Test
    void rewrite_withTheSameBytes_isANoOp() {
        store.writeHashTile(2, 5, 256, hashes(256, 3));
        store.writeHashTile(2, 5, 256, hashes(256, 3));
        store.writeEntryBundle(9, 3, new byte[] {0, 1, 7});
        store.writeEntryBundle(9, 3, new byte[] {0, 1, 7});

        assertThat(store.readHashTile(2, 5, 256)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(256, 3)));
        assertThat(store.readEntryBundle(9, 3)).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 7));
        assertThat(count("log_tiles")).isEqualTo(1);
        assertThat(count("log_entry_bundles")).isEqualTo(1);
    }

    @Test
    void rewrite_withOtherBytes_isRefused_andChangesNothing() {
        store.writeHashTile(2, 5, 256, hashes(256, 3));
        store.writeEntryBundle(9, 3, new byte[] {0, 1, 7});

        assertThatThrownBy(() -> store.writeHashTile(2, 5, 256, hashes(256, 4)))
                .isInstanceOfSatisfying(TileConflictException.class, e -> assertThat(e.tile()).isEqualTo(TileId.hashes(2, 5, 256)))
                .hasMessageContaining("tile/2/005");
        assertThatThrownBy(() -> store.writeEntryBundle(9, 3, new byte[] {0, 1, 8}))
                .isInstanceOfSatisfying(TileConflictException.class, e -> assertThat(e.tile()).isEqualTo(TileId.entries(9, 3)))
                .hasMessageContaining("tile/entries/009.p/3");

        assertThat(store.readHashTile(2, 5, 256)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(256, 3)));
        assertThat(store.readEntryBundle(9, 3)).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 7));
        assertThat(count("log_tiles")).isEqualTo(1);
        assertThat(count("log_entry_bundles")).isEqualTo(1);
    }

    @Test
    void malformedWrites_areRejected() {
        assertThatThrownBy(() -> store.writeHashTile(0, 0, 3, hashes(2, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(0, 0, 257, hashes(257, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(0, 0, 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(-1, 0, 1, hashes(1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(64, 0, 1, hashes(1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeHashTile(0, -1, 1, hashes(1, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeEntryBundle(0, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeEntryBundle(-1, 1, new byte[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.writeEntryBundle(0, 257, new byte[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThat(count("log_tiles") + count("log_entry_bundles")).isZero();
    }

    @Test
    void concurrentWritersOfOneResource_allSucceedWithTheSameBytes_andOtherBytesAreRefused() throws Exception {
        List<JdbcTileStore> writers = storesOfTheirOwn(8);
        Concurrently.onPlatformThreads(writers.size(), thread -> {
            for (int i = 0; i < 20; i++) {
                writers.get(thread).writeHashTile(0, i, 256, hashes(256, i));
                writers.get(thread).writeEntryBundle(i, 1, new byte[] {0, 1, (byte) i});
            }
        });
        assertThat(count("log_tiles")).isEqualTo(20);
        assertThat(count("log_entry_bundles")).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            int seed = i;
            assertThat(store.readHashTile(0, i, 256)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(256, seed)));
        }
        assertThatThrownBy(() -> store.writeEntryBundle(3, 1, new byte[] {0, 1, 99})).isInstanceOf(TileConflictException.class);
    }

    // ---- the checkpoint compare-and-swap ----

    @Test
    void firstPublish_storesTheCheckpointAndTheToken() {
        assertThat(store.latestCheckpoint()).isEmpty();
        assertThat(store.fencingToken()).isEmpty();

        store.publishCheckpoint(7, checkpoint(10, 1));

        assertThat(store.latestCheckpoint()).hasValue(checkpoint(10, 1));
        assertThat(store.fencingToken()).hasValue(7);
        Long storedSize = db.database().jdbi().withHandle(h -> h.createQuery("SELECT tree_size FROM log_checkpoint").mapTo(Long.class).one());
        assertThat(storedSize).isEqualTo(10);
    }

    @Test
    void checkpoints_mayGrowOrRepeat() {
        store.publishCheckpoint(1, checkpoint(0, 0));
        store.publishCheckpoint(1, checkpoint(10, 1));
        store.publishCheckpoint(1, checkpoint(10, 1)); // the same tree again
        store.publishCheckpoint(1, checkpoint(11, 2));
        store.publishCheckpoint(1, checkpoint(300, 3));
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(300, 3));
    }

    @Test
    void aSmallerTree_isRefused_andChangesNothing() {
        store.publishCheckpoint(1, checkpoint(20, 2));
        assertThatThrownBy(() -> store.publishCheckpoint(1, checkpoint(19, 3)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> store.publishCheckpoint(5, checkpoint(0, 0))).isInstanceOf(CheckpointConflictException.class);
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(20, 2));
        assertThat(store.fencingToken()).as("a refused publish does not raise the token").hasValue(1);
    }

    @Test
    void theSameSizeWithAnotherRoot_isRefused_andChangesNothing() {
        store.publishCheckpoint(1, checkpoint(20, 2));
        assertThatThrownBy(() -> store.publishCheckpoint(2, checkpoint(20, 9)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("another root");
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(20, 2));
        assertThat(store.fencingToken()).hasValue(1);
        store.publishCheckpoint(1, checkpoint(21, 2)); // token 2 was not stored: token 1 may still publish
    }

    @Test
    void aStaleFencingToken_isRefused_andAHigherOneAccepted() {
        store.publishCheckpoint(3, checkpoint(10, 1));
        assertThatThrownBy(() -> store.publishCheckpoint(2, checkpoint(11, 1)))
                .isInstanceOfSatisfying(StaleFencingTokenException.class, e -> {
                    assertThat(e.presentedToken()).isEqualTo(2);
                    assertThat(e.storedToken()).isEqualTo(3);
                });
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(10, 1));

        store.publishCheckpoint(3, checkpoint(11, 1));
        store.publishCheckpoint(4, checkpoint(11, 1)); // a new sequencer claims the same tree
        assertThat(store.fencingToken()).hasValue(4);
        assertThatThrownBy(() -> store.publishCheckpoint(3, checkpoint(12, 1))).isInstanceOf(StaleFencingTokenException.class);
        assertThat(store.latestCheckpoint()).hasValue(checkpoint(11, 1));
        store.publishCheckpoint(Long.MAX_VALUE, checkpoint(12, 1));
        assertThat(store.fencingToken()).hasValue(Long.MAX_VALUE);
    }

    @Test
    void theStaleTokenCheckComesFirst() {
        store.publishCheckpoint(3, checkpoint(10, 1));
        assertThatThrownBy(() -> store.publishCheckpoint(2, checkpoint(9, 1))).isInstanceOf(StaleFencingTokenException.class);
    }

    @Test
    void checkpointAndToken_areSharedWithAnotherInstance_andSurviveAReopen() {
        store.publishCheckpoint(5, checkpoint(10, 1));
        try (JdbcTileStore other = new JdbcTileStore(db.database())) {
            assertThat(other.latestCheckpoint()).hasValue(checkpoint(10, 1));
            assertThatThrownBy(() -> other.publishCheckpoint(4, checkpoint(11, 1))).isInstanceOf(StaleFencingTokenException.class);
            other.publishCheckpoint(6, checkpoint(12, 1));
        }
        assertThatThrownBy(() -> store.publishCheckpoint(5, checkpoint(13, 1))).isInstanceOf(StaleFencingTokenException.class);
        store.writeHashTile(0, 0, 12, hashes(12, 1));
        store.writeEntryBundle(0, 12, new byte[] {0, 1, 1});

        store.close();
        store = new JdbcTileStore(db.reopen());

        assertThat(store.latestCheckpoint()).hasValue(checkpoint(12, 1));
        assertThat(store.fencingToken()).hasValue(6);
        assertThat(store.readHashTile(0, 0, 12)).hasValueSatisfying(b -> assertThat(b).isEqualTo(hashes(12, 1)));
        assertThat(store.readEntryBundle(0, 12)).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 1));
    }

    @Test
    void concurrentPublishers_neverEndBelowACheckpointThatWasAccepted() throws Exception {
        int publishesPerThread = 25;
        int maxSize = 60;
        List<SignedCheckpoint> bySize = new ArrayList<>();
        for (int size = 0; size <= maxSize; size++) {
            bySize.add(checkpoint(size, size)); // one root per size: only shrinking conflicts
        }
        record Accepted(long token, long size) {}
        ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        List<JdbcTileStore> publishers = storesOfTheirOwn(8);
        Concurrently.onPlatformThreads(publishers.size(), thread -> {
            JdbcTileStore own = publishers.get(thread);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < publishesPerThread; i++) {
                long token = random.nextLong(1, 5);
                SignedCheckpoint next = bySize.get(random.nextInt(maxSize + 1));
                try {
                    own.publishCheckpoint(token, next);
                    accepted.add(new Accepted(token, next.size()));
                    long seen = own.latestCheckpoint().orElseThrow().size();
                    if (seen < next.size()) {
                        violations.add("accepted size " + next.size() + ", then read size " + seen);
                    }
                    if (own.fencingToken().orElseThrow() < token) {
                        violations.add("accepted token " + token + ", then read a lower one");
                    }
                } catch (StaleFencingTokenException e) {
                    if (e.storedToken() <= token) {
                        violations.add("token " + token + " refused as stale below " + e.storedToken());
                    }
                } catch (CheckpointConflictException e) {
                    // a larger tree was stored first
                }
            }
        });

        assertThat(violations).isEmpty();
        assertThat(accepted).isNotEmpty();
        long largestAccepted = accepted.stream().mapToLong(Accepted::size).max().orElseThrow();
        long highestToken = accepted.stream().mapToLong(Accepted::token).max().orElseThrow();
        assertThat(store.latestCheckpoint()).hasValue(bySize.get((int) largestAccepted));
        assertThat(store.fencingToken()).hasValue(highestToken);
        for (Accepted a : accepted) {
            // a publish accepted with a lower token than another committed before it (after, it would
            // have been stale), so the one with the higher token cannot have stored a smaller tree
            accepted.stream().filter(b -> b.token() > a.token()).forEach(b -> assertThat(b.size())
                    .as("publish (token %d, size %d) accepted after (token %d, size %d)", b.token(), b.size(), a.token(), a.size())
                    .isGreaterThanOrEqualTo(a.size()));
        }
    }

    @Test
    void aCheckpointRowChangedOutsideTruce_isReportedAsCorrupted() {
        store.publishCheckpoint(1, checkpoint(10, 1));
        db.database().jdbi().useHandle(h -> h.execute("UPDATE log_checkpoint SET tree_size = 11"));
        assertThatThrownBy(() -> store.latestCheckpoint()).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("size 10");
        assertThatThrownBy(() -> store.publishCheckpoint(1, checkpoint(12, 1))).isInstanceOf(CorruptedStoreException.class);

        db.database().jdbi().useHandle(h -> h.createUpdate("UPDATE log_checkpoint SET note = :note")
                .bind("note", "not a note".getBytes(UTF_8)).execute());
        assertThatThrownBy(() -> store.latestCheckpoint()).isInstanceOf(CorruptedStoreException.class)
                .hasMessageContaining("not a signed checkpoint");
    }

    @Test
    void closedStore_refusesEveryCall_butLeavesTheDatabaseOpen() {
        store.writeHashTile(0, 0, 1, hashes(1, 0));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.writeHashTile(0, 1, 1, hashes(1, 0))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.readHashTile(0, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.latestCheckpoint()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.publishCheckpoint(1, checkpoint(1, 1))).isInstanceOf(IllegalStateException.class);
        assertThat(new JdbcTileStore(db.database()).readHashTile(0, 0, 1)).isPresent();
    }

    // ---- a Merkle log over the database, verified by truce-verify ----

    private static byte[] entry(long index) {
        StringBuilder text = new StringBuilder("{\"entry\":" + index + ",\"pad\":\"");
        text.append("x".repeat((int) (index * 7 % 90)));
        return text.append("\"}").toString().getBytes(UTF_8);
    }

    private static List<byte[]> entries(long from, long to) {
        List<byte[]> entries = new ArrayList<>();
        for (long i = from; i < to; i++) {
            entries.add(entry(i));
        }
        return entries;
    }

    private MerkleLog openMerkle(Database database, long fencingToken) {
        return MerkleLog.open(new JdbcRecordLog(database), new JdbcTileStore(database), SIGNER, fencingToken, FAST);
    }

    /** Appends entries [from, to) in groups of {@code group}, each integrated before the next; returns the checkpoints. */
    private static List<SignedCheckpoint> appendAndIntegrate(MerkleLog log, long from, long to, int group) throws Exception {
        List<SignedCheckpoint> published = new ArrayList<>();
        for (long start = from; start < to; start += group) {
            long end = Math.min(to, start + group);
            assertThat(log.appendAll(entries(start, end))).isEqualTo(start);
            assertThat(log.awaitIntegrated(end, INTEGRATION_TIMEOUT)).as("integrated to %d: %s", end, log.integrationFailure())
                    .isTrue();
            published.add(log.checkpoint().orElseThrow());
        }
        return published;
    }

    private static Checkpoint verified(SignedCheckpoint checkpoint) throws Exception {
        return CheckpointVerifier.forLog(VerifierKey.parse(KEYS.verifierKey())).verify(checkpoint.note()).checkpoint();
    }

    private LogAudit.Result audit(Checkpoint checkpoint) throws Exception {
        try (JdbcTileStore reader = new JdbcTileStore(db.database())) {
            return LogAudit.audit(new TileFetcher(tile -> reader.read(tile)), checkpoint);
        }
    }

    /** The first entry whose sequenced bytes do not give the leaf hash the audited tree holds for it. */
    private static OptionalLong firstSequencerMismatch(RecordLog sequencer, TileTree tree) {
        for (long i = 0; i < tree.size(); i++) {
            if (!Arrays.equals(Hashes.leafHash(sequencer.read(i)), tree.nodeHash(0, i))) {
                return OptionalLong.of(i);
            }
        }
        return OptionalLong.empty();
    }

    private Checkpoint publish(long size) throws Exception {
        try (MerkleLog log = openMerkle(db.database(), 1)) {
            appendAndIntegrate(log, 0, size, 100);
            return verified(log.checkpoint().orElseThrow());
        }
    }

    @Test
    void merkleLog_overTheDatabase_isAuditedByTruceVerify_andReopensFromIt() throws Exception {
        List<SignedCheckpoint> published;
        SignedCheckpoint latest;
        try (MerkleLog log = openMerkle(db.database(), 1)) {
            published = appendAndIntegrate(log, 0, 600, 75);
            latest = log.checkpoint().orElseThrow();
            for (SignedCheckpoint older : published) {
                if (older.size() < latest.size()) {
                    ConsistencyProof.verify(older.size(), latest.size(), older.rootHash(), latest.rootHash(),
                            log.consistencyProof(older.size(), latest.size()));
                }
            }
        }
        assertThat(latest.size()).isEqualTo(600);
        assertThat(store.latestCheckpoint()).hasValue(latest);
        assertThat(store.fencingToken()).hasValue(1);

        Checkpoint checkpoint = verified(latest);
        LogAudit.Result audit = audit(checkpoint);
        assertThat(audit.tree().size()).isEqualTo(600);
        assertThat(audit.tree().root()).isEqualTo(checkpoint.rootHash());
        assertThat(firstSequencerMismatch(new JdbcRecordLog(db.database()), audit.tree())).isEmpty();
        assertThat(store.readEntryBundle(2, 88)).as("the partial bundle of size 600").isPresent();
        assertThat(store.readHashTile(1, 0, 2)).as("the partial level-1 tile of size 600").isPresent();

        // a new sequencer, with a higher token, over the reopened database
        store.close();
        Database reopened = db.reopen();
        store = new JdbcTileStore(reopened);
        try (MerkleLog log = openMerkle(reopened, 2)) {
            assertThat(log.checkpoint()).hasValue(latest);
            appendAndIntegrate(log, 600, 700, 100);
            latest = log.checkpoint().orElseThrow();
            SignedCheckpoint older = published.getFirst();
            ConsistencyProof.verify(older.size(), latest.size(), older.rootHash(), latest.rootHash(),
                    log.consistencyProof(older.size(), latest.size()));
        }
        assertThat(latest.size()).isEqualTo(700);
        assertThat(store.fencingToken()).hasValue(2);
        LogAudit.Result second = audit(verified(latest));
        assertThat(second.tree().size()).isEqualTo(700);
        assertThat(firstSequencerMismatch(new JdbcRecordLog(reopened), second.tree())).isEmpty();

        // the first sequencer is fenced out
        SignedCheckpoint claim = latest;
        assertThatThrownBy(() -> store.publishCheckpoint(1, claim)).isInstanceOf(StaleFencingTokenException.class);
    }

    /** Returns the offset in a bundle of the first byte of entry {@code position}'s content. */
    private static int contentOffset(byte[] bundle, int position) {
        int offset = 0;
        for (int i = 0; i < position; i++) {
            offset += 2 + (((bundle[offset] & 0xff) << 8) | (bundle[offset + 1] & 0xff));
        }
        return offset + 2;
    }

    private byte[] bundleRow(long index, int width) {
        return db.database().jdbi().withHandle(h -> h.createQuery("SELECT data FROM log_entry_bundles WHERE idx = :idx AND width = :width")
                .bind("idx", index).bind("width", width).mapTo(byte[].class).one());
    }

    private void updateBundleRow(long index, int width, byte[] data) {
        int updated = db.database().jdbi().withHandle(h -> h.createUpdate(
                        "UPDATE log_entry_bundles SET data = :data WHERE idx = :idx AND width = :width")
                .bind("data", data).bind("idx", index).bind("width", width).execute());
        assertThat(updated).isOne();
    }

    @Test
    void anEntryBundleRowAlteredWithSql_failsTheAudit_namingTheEntry() throws Exception {
        Checkpoint checkpoint = publish(600);
        assertThat(audit(checkpoint).tree().size()).isEqualTo(600);

        byte[] bundle = bundleRow(1, 256);
        bundle[contentOffset(bundle, 300 - 256) + 3] ^= 0x20;
        updateBundleRow(1, 256, bundle);

        assertThatThrownBy(() -> audit(checkpoint)).isInstanceOfSatisfying(EntryMismatchException.class,
                e -> assertThat(e.index()).isEqualTo(300)).hasMessageContaining("entry 300 does not match its tile");
    }

    @Test
    void anEntryOfThePartialBundleAlteredWithSql_failsTheAudit_namingTheEntry() throws Exception {
        Checkpoint checkpoint = publish(600);
        byte[] bundle = bundleRow(2, 88);
        bundle[contentOffset(bundle, 87)] ^= 1;
        updateBundleRow(2, 88, bundle);

        assertThatThrownBy(() -> audit(checkpoint)).isInstanceOfSatisfying(EntryMismatchException.class,
                e -> assertThat(e.index()).isEqualTo(599));
    }

    @Test
    void aHashInAHashTileRowAlteredWithSql_failsTheAudit_namingTheTile() throws Exception {
        Checkpoint checkpoint = publish(600);
        byte[] tile = db.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT data FROM log_tiles WHERE level = 1 AND idx = 0 AND width = 2").mapTo(byte[].class).one());
        tile[40] ^= 1;
        db.database().jdbi().useHandle(h -> h.createUpdate("UPDATE log_tiles SET data = :data WHERE level = 1 AND idx = 0 AND width = 2")
                .bind("data", tile).execute());
        assertThatThrownBy(() -> audit(checkpoint)).isInstanceOf(TileMismatchException.class)
                .hasMessageContaining("tile/1/000.p/2 hash 1 mismatch");
    }

    @Test
    void aSequencedEntryAlteredWithSql_isNamedByTheSequencerToBundleComparison_andRefusedOnReopen() throws Exception {
        Checkpoint checkpoint = publish(600);
        db.database().jdbi().useHandle(h -> h.createUpdate("UPDATE record_log SET entry = :entry WHERE idx = 123")
                .bind("entry", "{\"entry\":123,\"forged\":true}".getBytes(UTF_8)).execute());

        LogAudit.Result audit = audit(checkpoint); // the published tiles and bundles are intact
        assertThat(firstSequencerMismatch(new JdbcRecordLog(db.database()), audit.tree())).hasValue(123);

        // an entry of the partial bundle is read back from the sequencer when the log opens
        db.database().jdbi().useHandle(h -> h.createUpdate("UPDATE record_log SET entry = :entry WHERE idx = 599")
                .bind("entry", "{\"entry\":599,\"forged\":true}".getBytes(UTF_8)).execute());
        JdbcRecordLog sequencer = new JdbcRecordLog(db.database());
        JdbcTileStore tiles = new JdbcTileStore(db.database());
        assertThatThrownBy(() -> MerkleLog.open(sequencer, tiles, SIGNER, 2, FAST))
                .isInstanceOf(LogIntegrityException.class).hasMessageContaining("entry 599");
        assertThat(tiles.fencingToken()).as("nothing was published").hasValue(1);
    }
}
