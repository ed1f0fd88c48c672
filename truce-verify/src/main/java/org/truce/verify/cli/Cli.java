package org.truce.verify.cli;

import java.io.PrintStream;

/**
 * Cli is the {@code truce-verify} command: parse the arguments, check the log at {@code --url},
 * print one line. Failures print one line on the error stream, naming what did not match, and
 * return a non-zero {@link ExitCode}.
 */
public final class Cli {
  private Cli() {}

  /** Runs the command and returns its exit status; never calls {@code System.exit}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Arguments arguments = Arguments.parse(args);
      if (arguments.help()) {
        out.print(Arguments.USAGE);
        return ExitCode.OK.code();
      }
      LogCheck check = LogCheck.from(arguments);
      StateFile state = new StateFile(arguments.stateFile().orElseGet(() -> StateFile.defaultPath(check.origin())));
      out.println(check.run(new HttpLogClient(arguments.url()), state));
      return ExitCode.OK.code();
    } catch (CliFailure failure) {
      err.println("truce-verify: " + failure.getMessage());
      return failure.exitCode().code();
    }
  }
}
