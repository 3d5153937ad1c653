package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One column of a Table Schema (v2). {@code name} is the published column name (ASCII, stable);
 * {@code title} is the human label, often the Japanese header a department's file carries.
 *
 * <p>Beside the standard properties, Hiraku reads: {@code rdfProperty}, the vocabulary term the column
 * maps to in RDF; {@code normalize: nfkc}, to make full-width letters and digits half-width in text,
 * or {@code normalize: fiscal-year-range}, to publish a 年度 ({@code 令和6年度}) as the ISO 8601 interval
 * {@code 2024-04-01/2025-03-31};
 * {@code japaneseCode} ({@code local-government-code}, {@code postal-code}, {@code phone-number});
 * {@code coordinateOrder: lat-lon} for geopoints written latitude first, as Japanese data usually is;
 * {@code unit}, the unit of a number column ({@code 千円}, {@code %}), kept in the schema rather than in
 * the cells.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Field(
        String name,
        String title,
        String description,
        FieldType type,
        String format,
        Constraints constraints,
        List<String> trueValues,
        List<String> falseValues,
        List<MissingValue> missingValues,
        String decimalChar,
        String groupChar,
        Boolean bareNumber,
        String rdfProperty,
        String normalize,
        String japaneseCode,
        String coordinateOrder,
        String unit) {

    /** Frictionless's defaults, plus the ways Japanese forms say yes and no. */
    public static final List<String> DEFAULT_TRUE_VALUES = List.of("true", "True", "TRUE", "1", "○", "〇", "◯", "有",
            "あり", "はい", "可");
    public static final List<String> DEFAULT_FALSE_VALUES = List.of("false", "False", "FALSE", "0", "×", "✕", "無",
            "なし", "いいえ", "不可");

    public Field {
        type = type == null ? FieldType.STRING : type;
        constraints = constraints == null ? Constraints.NONE : constraints;
    }

    public List<String> trueValuesOrDefault() {
        return trueValues == null ? DEFAULT_TRUE_VALUES : trueValues;
    }

    public List<String> falseValuesOrDefault() {
        return falseValues == null ? DEFAULT_FALSE_VALUES : falseValues;
    }

    /** The label to show people: the title if given, else the name. */
    public String label() {
        return title == null || title.isBlank() ? name : title;
    }

    /** Whether a geopoint is written latitude first ({@code coordinateOrder: lat-lon}). */
    public boolean latitudeFirst() {
        return "lat-lon".equals(coordinateOrder);
    }
}
