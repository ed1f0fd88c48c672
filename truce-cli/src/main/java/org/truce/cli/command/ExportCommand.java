package org.truce.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Not yet available: exports of incidents, areas and the record in open formats.")
public final class ExportCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    java.util.List<String> ignored;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.say(spec.commandLine().getErr(), "export", "exports of incidents, areas and the record in open formats");
    }
}
