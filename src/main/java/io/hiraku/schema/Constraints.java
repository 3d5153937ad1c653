package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Table Schema field constraints. Bounds are kept as written and read by the field's type, so
 * {@code minimum: 2020-01-01} works for a date and {@code minimum: 0} for an integer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Constraints(
        Boolean required,
        Boolean unique,
        @JsonProperty("enum") List<String> allowed,
        String pattern,
        Integer minLength,
        Integer maxLength,
        String minimum,
        String maximum,
        String exclusiveMinimum,
        String exclusiveMaximum) {

    public static final Constraints NONE = new Constraints(null, null, null, null, null, null, null, null, null, null);

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    public boolean isUnique() {
        return Boolean.TRUE.equals(unique);
    }
}
