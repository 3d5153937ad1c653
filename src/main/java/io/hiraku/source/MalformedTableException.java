package io.hiraku.source;

/** The file's structure cannot be read as a table (broken quoting, no header); names the line. */
public class MalformedTableException extends RuntimeException {
    private final long line;
    private final String messageJa;

    public MalformedTableException(long line, String messageJa, String messageEn, Throwable cause) {
        super(messageEn, cause);
        this.line = line;
        this.messageJa = messageJa;
    }

    public long line() {
        return line;
    }

    public String messageJa() {
        return messageJa;
    }
}
