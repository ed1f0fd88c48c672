package org.truce.log.witness;

import java.util.OptionalLong;

/**
 * A WitnessException is a refused c2sp.org/tlog-witness request: why, as the HTTP status the spec
 * assigns to it, and for a {@link Reason#CONFLICT} the size the witness holds for the log.
 */
public final class WitnessException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused, with the status code tlog-witness gives it. */
    public enum Reason {
        /** The request is malformed, or its old size is larger than the checkpoint's. */
        BAD_REQUEST(400),
        /** The checkpoint is not validly signed by the log's key. */
        FORBIDDEN(403),
        /** The checkpoint's origin is not a log this witness is configured for. */
        UNKNOWN_LOG(404),
        /** The old size is not the size this witness last cosigned; {@link #storedSize()} says which is. */
        CONFLICT(409),
        /** The consistency proof does not verify, or the checkpoint contradicts what the witness holds. */
        UNPROCESSABLE(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** Returns the HTTP status code. */
        public int status() {
            return status;
        }
    }

    private final Reason reason;
    private final long storedSize;

    WitnessException(Reason reason, String message) {
        this(reason, message, -1);
    }

    private WitnessException(Reason reason, String message, long storedSize) {
        super(message);
        this.reason = reason;
        this.storedSize = storedSize;
    }

    static WitnessException conflict(long oldSize, long storedSize) {
        return new WitnessException(Reason.CONFLICT, "old size " + oldSize + " is not the size this witness last cosigned for"
                + " the log (" + storedSize + "); send a consistency proof from size " + storedSize, storedSize);
    }

    public Reason reason() {
        return reason;
    }

    /** Returns the size the witness last cosigned, for a {@link Reason#CONFLICT}. */
    public OptionalLong storedSize() {
        return storedSize < 0 ? OptionalLong.empty() : OptionalLong.of(storedSize);
    }
}
