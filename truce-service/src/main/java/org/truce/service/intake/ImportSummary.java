package org.truce.service.intake;

import java.util.List;

/** The outcome of an import: rows read, accepted (new), duplicates (seen before) and rejected, with each rejection's line. */
public record ImportSummary(long read, long accepted, long duplicates, List<Rejection> rejected) {
    public ImportSummary {
        rejected = List.copyOf(rejected);
    }

    /** A rejected row: its line number in the file (1 = header) and why. */
    public record Rejection(long line, String reason) {
    }

    public String line() {
        return "read " + read + ", accepted " + accepted + ", duplicates " + duplicates + ", rejected " + rejected.size();
    }
}
