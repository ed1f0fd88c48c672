package org.truce.cli.command;

import picocli.CommandLine;

/** The version from the jar's manifest (or "development" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Truce " + current()};
    }
}
