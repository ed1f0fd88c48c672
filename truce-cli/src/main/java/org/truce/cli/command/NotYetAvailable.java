package org.truce.cli.command;

import java.io.PrintWriter;

/** The message of a command whose capability is not built yet. */
final class NotYetAvailable {
    private NotYetAvailable() {
    }

    static int say(PrintWriter err, String command, String what) {
        err.println("truce " + command + ": not yet available in this version of Truce (" + what + ").");
        err.flush();
        return TruceCommand.NOT_YET_AVAILABLE;
    }
}
