package org.truce.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the record where it is stored: the latest checkpoint's signature, every entry bundle and tile against",
                "the checkpoint's root, and the sequencer's entries against the bundles; with --replay, also rebuild the projections",
                "from the log in memory and compare them with the store. Run it with the server stopped."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--replay", description = "also replay the log and compare the result with the store's projections")
    boolean replay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Runtime runtime = Runtime.open(store)) {
            if (!runtime.awaitCheckpoint(Duration.ofMinutes(2))) {
                err.println("truce verify: the log could not integrate its entries into a checkpoint");
                return 1;
            }
            String failure = checkLog(runtime.publishedLog(), runtime);
            if (failure == null && replay) {
                failure = ReplayComparison.compare(runtime);
            }
            if (failure != null) {
                err.println("truce verify: FAILED: " + failure);
                return 1;
            }
            PublishedLog log = runtime.publishedLog();
            out.println("verified " + log.origin() + ": " + log.checkpointSize() + " entries, signature, tiles, bundles and sequencer agree"
                    + (replay ? "; the projections equal a replay of the log" : "")
                    + "; projection digest " + org.truce.service.projection.ProjectionDigest.of(runtime.store()));
            return 0;
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
