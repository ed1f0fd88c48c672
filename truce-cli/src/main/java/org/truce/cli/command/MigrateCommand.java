package org.truce.cli.command;

import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Create or upgrade the database schema, then bring the projections up to date with the log.")
public final class MigrateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Runtime runtime = Runtime.open(store)) {
            long applied = runtime.catchUp();
            spec.commandLine().getOut().println("Schema up to date on " + store.describe() + "; applied " + applied
                    + " log entries; the log holds " + runtime.ledger().size() + ".");
        }
        return 0;
    }
}
