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

    public static Issue ofFile(String type, Long line, String messageJa, String messageEn) {
        return new Issue(type, line, null, null, null, null, null, messageJa, messageEn);
    }

    /** Frictionless's {@code message}: the English text. */
    @JsonProperty("message")
    public String message() {
        return messageEn;
    }
}
