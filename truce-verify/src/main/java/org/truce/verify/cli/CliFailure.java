package org.truce.verify.cli;

/** A CliFailure ends a run with a message for the user and an {@link ExitCode}. */
public final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public CliFailure(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
