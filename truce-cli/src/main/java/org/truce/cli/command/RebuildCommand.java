package org.truce.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.domain.problem.InvalidInputException;
import org.truce.service.disclosure.DisclosureBundle;
import org.truce.service.disclosure.DisclosureFormat;
import org.truce.service.disclosure.Disclosures;
import org.truce.service.projection.ProjectionDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(names = "--disclosure", paramLabel = "BUNDLE", description = {"with --from: a disclosure bundle of that log; its fields are",
            "checked against their commitments and kept, so the mirror shows what the bundle's audience may see"})
    java.nio.file.Path disclosure;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if ((from == null) != (key == null)) {
            spec.commandLine().getErr().println("truce rebuild: --from and --key go together");
            return 2;
        }
        if (disclosure != null && from == null) {
            spec.commandLine().getErr().println("truce rebuild: --disclosure goes with --from (a node's own rebuild uses its own openings)");
            return 2;
        }
        DisclosureBundle bundle = null;
        if (disclosure != null) {
            try (var in = java.nio.file.Files.newInputStream(disclosure)) {
                bundle = DisclosureFormat.read(in);
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(disclosure + ": " + p.field() + ": " + p.message()));
                return 2;
            }
        }
        try (Runtime runtime = Runtime.open(store)) {
            long started = System.nanoTime();
            if (from != null) {
                return mirror(runtime, out, started, bundle);
            }
            long replayed = runtime.ledger().rebuild();
            out.println("Rebuilt the projections of " + store.describe() + " from " + replayed + " log entries in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms; projection digest " + ProjectionDigest.of(runtime.store()));
        }
        return 0;
    }

    private int mirror(Runtime runtime, PrintWriter out, long started, DisclosureBundle bundle) throws Exception {
        if (runtime.ledger().size() != 0) {
            spec.commandLine().getErr().println("truce rebuild --from: " + store.describe() + " is not empty; mirror into a new store");
            return 2;
        }
        var remote = new org.truce.cli.RemoteLog(from).fetch(key);
        if (bundle != null) {
            var entries = remote.entries();
            String failure = Disclosures.check(bundle, remote.checkpoint().origin(), entries.size(), i -> entries.get(Math.toIntExact(i)));
            if (failure != null) {
                spec.commandLine().getErr().println("truce rebuild: the disclosure does not fit the log: " + failure + "; nothing was recorded");
                return 1;
            }
            // openings first, as on the write path: every entry that refers to one finds it
            runtime.openings().putAll(Disclosures.openings(bundle));
        }
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
                + (bundle == null ? "" : "; " + bundle.items().size() + " fields disclosed to " + bundle.audience().code())
                + "; projection digest " + ProjectionDigest.of(runtime.store()));
        return same ? 0 : 1;
    }
}
