package org.truce.cli;

import org.truce.cli.command.TruceCommand;
import picocli.CommandLine;

/** {@code java -jar truce.jar COMMAND ...}: the entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLibraries();
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int run(String... args) {
        return TruceCommand.commandLine().execute(args);
    }

    private static void quietLibraries() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.javalin", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
