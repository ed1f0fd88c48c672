package org.truce.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bulletin", mixinStandardHelpOptions = true, description = "Not yet available: daily bulletins computed from a checkpoint.")
public final class BulletinCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    java.util.List<String> ignored;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.say(spec.commandLine().getErr(), "bulletin", "daily bulletins computed from a checkpoint");
    }
}
