package io.hiraku.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One problem found in a dropped file, located as precisely as the file allows: the physical line,
 * the data row number (1 = first row under the header), the column (its header label and the
 * schema field it maps to), the cell as written, and what is wrong and how to fix it, in Japanese and
 * English. Frictionless report terms: {@code type}, {@code rowNumber}, {@code fieldName}, {@code cell},
 * {@code message}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issue(
        String type,
        Long line,
        Long rowNumber,
        Integer columnNumber,
        String column,
        String fieldName,
        String cell,
        String messageJa,
        String messageEn) {
    /** A cell is shown up to this many characters; a message (which may quote the cell) up to four times that. */
    static final int SHOWN_CHARS = 200;

    /** Long cells are cut (with "…" and their length) so that a receipt stays readable and small. */
    public Issue {
        cell = cut(cell, SHOWN_CHARS);
        messageJa = cut(messageJa, 4 * SHOWN_CHARS);
        messageEn = cut(messageEn, 4 * SHOWN_CHARS);
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…(" + text.length() + ")";
    }

    public static Issue ofFile(String type, Long line, String messageJa, String messageEn) {
        return new Issue(type, line, null, null, null, null, null, messageJa, messageEn);
    }

    /** Frictionless's {@code message}: the English text. */
    @JsonProperty("message")
    public String message() {
        return messageEn;
    }
}
