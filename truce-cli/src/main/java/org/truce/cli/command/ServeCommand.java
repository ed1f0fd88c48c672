package org.truce.cli.command;

import java.util.concurrent.Callable;
import org.truce.cli.StoreOptions;
import org.truce.cli.WitnessOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start Truce (no demo data).")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Mixin
    WitnessOptions witnessing;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return Server.run(store, witnessing, host, port, false, spec.commandLine().getOut());
    }
}
