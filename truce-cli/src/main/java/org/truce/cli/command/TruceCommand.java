package org.truce.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; {@code help} lists every subcommand. */
@Command(name = "truce", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Ceasefire monitoring and verification on a verifiable record.",
        subcommands = {DemoCommand.class, ServeCommand.class, MigrateCommand.class, ImportCommand.class,
                ExportCommand.class, BulletinCommand.class, VerifyCommand.class, RebuildCommand.class, DiscloseCommand.class,
                CommandLine.HelpCommand.class})
public final class TruceCommand implements Runnable {
    /** Exit code of a command whose capability has not been built yet. */
    public static final int NOT_YET_AVAILABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TruceCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("truce: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
