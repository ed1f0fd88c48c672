package org.truce.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.service.projection.ProjectionDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Drop the projection tables and replay the whole log into them.",
                "With --from URL --key VKEY: build an empty store as a mirror of another Truce's log, fetched over HTTP",
                "and verified (signature, every tile and bundle) before anything is recorded."})
public final class RebuildCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--from", paramLabel = "URL", description = "the other log's base URL, e.g. http://host:8080/log")
    String from;

    @Option(names = "--key", paramLabel = "VKEY", description = "the other log's verifier key (from its /log/key, obtained out of band)")
    String key;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if ((from == null) != (key == null)) {
            spec.commandLine().getErr().println("truce rebuild: --from and --key go together");
            return 2;
        }
        try (Runtime runtime = Runtime.open(store)) {
            long started = System.nanoTime();
            if (from != null) {
                return mirror(runtime, out, started);
            }
            long replayed = runtime.ledger().rebuild();
            out.println("Rebuilt the projections of " + store.describe() + " from " + replayed + " log entries in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms; projection digest " + ProjectionDigest.of(runtime.store()));
        }
        return 0;
    }

    private int mirror(Runtime runtime, PrintWriter out, long started) throws Exception {
        if (runtime.ledger().size() != 0) {
            spec.commandLine().getErr().println("truce rebuild --from: " + store.describe() + " is not empty; mirror into a new store");
            return 2;
        }
        var remote = new org.truce.cli.RemoteLog(from).fetch(key);
        for (int i = 0; i < remote.entries().size(); i += 1024) {
            runtime.ledger().mirror(remote.entries().subList(i, Math.min(remote.entries().size(), i + 1024)));
        }
        if (!runtime.awaitCheckpoint(Duration.ofMinutes(2))) {
            throw new IllegalStateException("the mirrored entries were not integrated");
        }
        byte[] localRoot = runtime.publishedLog().rootHash();
        boolean same = java.util.Arrays.equals(localRoot, remote.checkpoint().rootHash());
        out.println("Mirrored " + remote.entries().size() + " entries of " + remote.checkpoint().origin() + " into " + store.describe()
                + " in " + (System.nanoTime() - started) / 1_000_000 + " ms; tree root " + HexFormat.of().formatHex(localRoot)
                + (same ? " (equal to the remote checkpoint's)" : " DIFFERS from the remote checkpoint's")
                + "; projection digest " + ProjectionDigest.of(runtime.store()));
        return same ? 0 : 1;
    }
}
