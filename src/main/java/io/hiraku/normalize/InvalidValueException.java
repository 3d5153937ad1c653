package io.hiraku.normalize;

/**
 * A cell value that cannot be read as its column's type. Carries the explanation in Japanese and
 * English so that the receipt can tell the department exactly what to fix.
 */
public class InvalidValueException extends Exception {
    private final String code;
    private final String messageJa;

    public InvalidValueException(String code, String messageJa, String messageEn) {
        super(messageEn, null, false, false);
        this.code = code;
        this.messageJa = messageJa;
    }

    public String code() {
        return code;
    }

    public String messageJa() {
        return messageJa;
    }

    public String messageEn() {
        return getMessage();
    }
}
