package org.truce.verify.cli;

/** ExitCode is the process exit status of {@code truce-verify}; the values are documented in the README. */
public enum ExitCode {
  /** The checkpoint, every entry and every tile verified, and the log is consistent with the saved state. */
  OK(0),
  /** Something the log served failed verification: signature, witness quorum, entry, tile or root. */
  VERIFICATION_FAILED(1),
  /** The command line was wrong, or a key given on it is unusable. */
  USAGE(2),
  /** The log could not be reached or read, or the state file could not be read or written. */
  IO_ERROR(3),
  /** The log's new checkpoint is not consistent with the one saved from an earlier run: a fork or rollback. */
  INCONSISTENT(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
