package org.truce.service.format;

/** The bytes are not one well-formed JSON document; line and column are 1-based, or -1 when unknown. */
public final class MalformedJsonException extends RuntimeException {
    private final int line;
    private final int column;

    public MalformedJsonException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
