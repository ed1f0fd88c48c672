package org.truce.cli.command;

import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Drop the projection tables and replay the whole log into them.")
public final class RebuildCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Runtime runtime = Runtime.open(store)) {
            long started = System.nanoTime();
            long replayed = runtime.ledger().rebuild();
            spec.commandLine().getOut().println("Rebuilt the projections of " + store.describe() + " from " + replayed
                    + " log entries in " + (System.nanoTime() - started) / 1_000_000 + " ms.");
        }
        return 0;
    }
}
