package org.truce.service.format;

/**
 * The bytes are not a well-formed XML document Truce accepts: not well-formed, or refused because
 * they declare a DTD or nest too deep. Line and column are 1-based, or -1 when unknown.
 */
public final class MalformedXmlException extends RuntimeException {
    private final int line;
    private final int column;

    public MalformedXmlException(String message, int line, int column) {
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

    /** " at line L, column C", or nothing when the position is unknown. */
    public String where() {
        return line > 0 ? " at line " + line + ", column " + column : "";
    }
}
