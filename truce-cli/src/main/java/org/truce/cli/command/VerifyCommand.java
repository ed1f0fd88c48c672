package org.truce.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Not yet available: verifying the store against the log and its signed checkpoints.")
public final class VerifyCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", hidden = true)
    java.util.List<String> ignored;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return NotYetAvailable.say(spec.commandLine().getErr(), "verify", "verifying the store against the log and its signed checkpoints");
    }
}
