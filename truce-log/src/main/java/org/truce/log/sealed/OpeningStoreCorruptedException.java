package org.truce.log.sealed;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * An opening store holds bytes that cannot be a crash artefact: an opening that does not match its
 * commitment, a damaged record, or damage that acknowledged openings follow. The store refuses to
 * open (or to return the opening) instead of guessing; the operator restores it from a backup.
 */
public final class OpeningStoreCorruptedException extends RuntimeException {
    private final long byteOffset;
    private final String commitmentHex;

    /**
     * @param where what holds the damage (a file, a table), for the message
     * @param byteOffset where in a file the damaged frame starts, or -1 when the store is not a file
     * @param commitmentHex the commitment whose opening is damaged, or null when no commitment can be named
     */
    public OpeningStoreCorruptedException(String where, long byteOffset, String commitmentHex, String reason) {
        super("opening store " + where + " is corrupt" + (byteOffset >= 0 ? " at byte offset " + byteOffset : "")
                + (commitmentHex != null ? " (commitment " + commitmentHex + ")" : "") + ": " + reason);
        this.byteOffset = byteOffset;
        this.commitmentHex = commitmentHex;
    }

    /** Offset in the file of the frame that failed to decode, when the store is a file. */
    public OptionalLong byteOffset() {
        return byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty();
    }

    /** The commitment (hex) whose opening cannot be trusted, when one can be named. */
    public Optional<String> commitmentHex() {
        return Optional.ofNullable(commitmentHex);
    }
}
