package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One column of a Table Schema. {@code name} is the published column name (ASCII, stable);
 * {@code title} is the human label, often the Japanese header a department's file carries.
 * {@code rdfProperty} optionally maps the column to a vocabulary term (e.g. http://schema.org/name).
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
        List<String> missingValues,
        String rdfProperty) {

    public static final List<String> DEFAULT_TRUE_VALUES = List.of("true", "True", "TRUE", "1");
    public static final List<String> DEFAULT_FALSE_VALUES = List.of("false", "False", "FALSE", "0");

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
}
