package io.hiraku.source;

/** No candidate encoding decodes the file; names the first bad byte and its line for each candidate. */
public class UndecodableFileException extends Exception {
    private final long byteOffset;
    private final long line;
    private final String messageJa;

    public UndecodableFileException(long byteOffset, long line, String messageJa, String messageEn) {
        super(messageEn);
        this.byteOffset = byteOffset;
        this.line = line;
        this.messageJa = messageJa;
    }

    public long byteOffset() {
        return byteOffset;
    }

    public long line() {
        return line;
    }

    public String messageJa() {
        return messageJa;
    }
}
