package org.truce.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.domain.problem.InvalidInputException;
import org.truce.log.file.LogCorruptedException;
import org.truce.log.sealed.OpeningStoreCorruptedException;
import org.truce.service.disclosure.DisclosureBundle;
import org.truce.service.disclosure.DisclosureFormat;
import org.truce.service.disclosure.Disclosures;
import org.truce.service.ledger.PublishedLog;
import org.truce.verify.checkpoint.Checkpoint;
import org.truce.verify.checkpoint.CheckpointVerifier;
import org.truce.verify.merkle.Hashes;
import org.truce.verify.note.VerifierKey;
import org.truce.verify.tiles.LogAudit;
import org.truce.verify.tiles.TileFetcher;
import org.truce.verify.tiles.TilePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the record where it is stored: the latest checkpoint's signature, every entry bundle and tile against",
                "the checkpoint's root, and the sequencer's entries against the bundles; with --replay, also rebuild the projections",
                "from the log in memory and compare them with the store. Run it with the server stopped."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--replay", description = "also replay the log and compare the result with the store's projections")
    boolean replay;

    @Option(names = "--disclosure", paramLabel = "BUNDLE", description = {"with --replay: also check every field of this disclosure",
            "bundle against its commitment in the log, and that replaying the log with the bundle gives what the store shows",
            "the bundle's audience"})
    Path disclosure;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Runtime opened;
        try {
            opened = Runtime.open(store);
        } catch (LogCorruptedException | OpeningStoreCorruptedException e) {
            err.println("truce verify: FAILED: the stored record is damaged: " + e.getMessage());
            return 1;
        }
        try (Runtime runtime = opened) {
            if (!runtime.awaitCheckpoint(Duration.ofMinutes(2))) {
                err.println("truce verify: the log could not integrate its entries into a checkpoint");
                return 1;
            }
            String failure = checkLog(runtime.publishedLog(), runtime);
            if (failure == null && replay) {
                try {
                    failure = ReplayComparison.compare(runtime);
                } catch (IllegalStateException e) {
                    failure = "the log does not replay: " + e.getMessage();
                }
            }
            DisclosureBundle bundle = null;
            if (failure == null && disclosure != null) {
                try (var in = Files.newInputStream(disclosure)) {
                    bundle = DisclosureFormat.read(in);
                } catch (InvalidInputException e) {
                    e.problems().forEach(p -> err.println(disclosure + ": " + p.field() + ": " + p.message()));
                    return 2;
                }
                failure = checkDisclosure(runtime, bundle);
            }
            if (failure != null) {
                err.println("truce verify: FAILED: " + failure);
                return 1;
            }
            PublishedLog log = runtime.publishedLog();
            out.println("verified " + log.origin() + ": " + log.checkpointSize() + " entries, signature, tiles, bundles and sequencer agree"
                    + (replay ? "; the projections equal a replay of the log" : "")
                    + (bundle == null ? "" : "; the " + bundle.items().size() + " fields disclosed to " + bundle.audience().code()
                            + " match their commitments and replay to what the store shows them")
                    + "; projection digest " + org.truce.service.projection.ProjectionDigest.of(runtime.store()));
            return 0;
        }
    }

    /**
     * Null when every item of the bundle matches its commitment and a replay of the log with the
     * bundle equals a replay with the store's openings as far as the bundle's audience may read them.
     */
    static String checkDisclosure(Runtime runtime, DisclosureBundle bundle) {
        long size = runtime.publishedLog().checkpointSize();
        String failure = Disclosures.check(bundle, runtime.publishedLog().origin(), size, runtime.ledger()::read);
        if (failure != null) {
            return "disclosure: " + failure;
        }
        if (bundle.treeSize() != size) {
            return "disclosure: the bundle covers " + bundle.treeSize() + " entries, the log's checkpoint " + size
                    + " (make the bundle anew from the current log)";
        }
        var visible = Disclosures.visibleTo(bundle.audience(), size, runtime.ledger()::read, runtime.openings());
        try (Runtime.Replayed fromBundle = runtime.replay(bundle.openings()); Runtime.Replayed fromStore = runtime.replay(visible)) {
            String difference = ReplayComparison.compare(fromStore.store(), fromBundle.store());
            return difference == null ? null : "disclosure: replaying with the bundle differs from what the store shows "
                    + bundle.audience().code() + ": " + difference.replace("store:", "store (as " + bundle.audience().code() + " sees it):")
                    .replace("replay:", "bundle:");
        } catch (IllegalStateException e) {
            return "disclosure: " + e.getMessage();
        }
    }

    /** Null when the stored log is intact, else what is wrong (naming the entry index where one is at fault). */
    static String checkLog(PublishedLog log, Runtime runtime) {
        byte[] note = log.checkpoint().orElse(null);
        if (note == null) {
            return runtime.ledger().size() == 0 ? null : "entries are recorded but no checkpoint was published";
        }
        Checkpoint checkpoint;
        try {
            checkpoint = CheckpointVerifier.forLog(VerifierKey.parse(log.verifierKey())).verify(note).checkpoint();
        } catch (Exception e) {
            return "the checkpoint does not verify with the log's key: " + e.getMessage()
                    + "\n" + new String(note, StandardCharsets.UTF_8);
        }
        LogAudit.Result audit;
        try {
            audit = LogAudit.audit(new TileFetcher(tile -> log.resource(TilePath.of(tile))), checkpoint);
        } catch (Exception e) {
            return e.getMessage();
        }
        for (long i = 0; i < checkpoint.size(); i++) {
            byte[] sequenced = Hashes.leafHash(runtime.ledger().read(i));
            if (!MessageDigest.isEqual(sequenced, audit.tree().nodeHash(0, i))) {
                return "entry " + i + " in the sequencer differs from the published entry bundle";
            }
        }
        return null;
    }
}
