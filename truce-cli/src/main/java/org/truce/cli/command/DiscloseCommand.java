package org.truce.cli.command;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.truce.cli.Runtime;
import org.truce.cli.StoreOptions;
import org.truce.domain.release.Audience;
import org.truce.service.disclosure.DisclosureBundle;
import org.truce.service.disclosure.DisclosureFormat;
import org.truce.service.disclosure.Disclosures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "disclose", mixinStandardHelpOptions = true,
        description = {"Write the disclosure bundle of one audience: the values and salts of every sealed field it may read, up to",
                "the latest checkpoint. With the public log, the bundle lets that audience check each value against its",
                "commitment and replay what it may see (truce verify --replay --disclosure FILE; truce rebuild --from URL",
                "--key VKEY --disclosure FILE). The guarantors' bundle replays everything. Run it with the server stopped."})
public final class DiscloseCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--audience", required = true, paramLabel = "AUDIENCE",
            description = "public, monitors, guarantors, party:<actor-id> or originator:<principal>")
    String audience;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the bundle (default: standard output)")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Audience reader = Audience.parse(audience).orElse(null);
        if (reader == null) {
            err.println("truce disclose: --audience must be one of " + Audience.FORMS + ", got '" + audience + "'");
            return 2;
        }
        try (Runtime runtime = Runtime.open(store)) {
            if (!runtime.awaitCheckpoint(Duration.ofMinutes(2))) {
                err.println("truce disclose: the log could not integrate its entries into a checkpoint");
                return 1;
            }
            var log = runtime.publishedLog();
            DisclosureBundle bundle = Disclosures.bundle(reader, log.origin(), log.checkpointSize(), runtime.ledger()::read, runtime.openings());
            if (outFile == null) {
                OutputStream out = System.out;
                DisclosureFormat.write(bundle, out);
            } else {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(outFile))) {
                    DisclosureFormat.write(bundle, out);
                }
                spec.commandLine().getOut().println("Wrote " + bundle.items().size() + " disclosed fields for " + reader.code()
                        + " (entries 0 to " + (bundle.treeSize() - 1) + " of " + bundle.origin() + ") to " + outFile);
            }
            return 0;
        }
    }
}
