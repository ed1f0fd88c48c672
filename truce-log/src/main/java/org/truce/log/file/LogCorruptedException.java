package org.truce.log.file;

import java.nio.file.Path;

/**
 * A segment file holds bytes that cannot be a crash artefact: acknowledged entries would be lost
 * if the log went on. The log refuses to open (or to return the damaged entry) instead of guessing;
 * the operator restores the segment from a replica or archive.
 */
public final class LogCorruptedException extends RuntimeException {
    private final transient Path file;
    private final long index;
    private final long byteOffset;

    public LogCorruptedException(Path file, long index, long byteOffset, String reason) {
        super("log segment " + file + " is corrupt at byte offset " + byteOffset + " (entry index " + index + "): "
                + reason);
        this.file = file;
        this.index = index;
        this.byteOffset = byteOffset;
    }

    /** The segment file that holds the damage. */
    public Path file() {
        return file;
    }

    /** Index of the first entry that cannot be trusted. */
    public long index() {
        return index;
    }

    /** Offset in {@link #file()} of the frame that failed to decode. */
    public long byteOffset() {
        return byteOffset;
    }
}
