package org.truce.verify;

import org.truce.verify.cli.Cli;

/**
 * Main is the entry point of {@code java -jar truce-verify.jar}: it runs {@link Cli} and exits
 * with its status.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(args, System.out, System.err));
  }
}
