package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Table Schema v2 field types. */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, DATE, TIME, DATETIME, YEAR, YEARMONTH, DURATION, GEOPOINT, OBJECT, ARRAY,
    ANY;

    @JsonCreator
    public static FieldType fromName(String name) {
        for (FieldType type : values()) {
            if (type.jsonName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name + "'; supported: "
                + Arrays.stream(values()).map(FieldType::jsonName).collect(Collectors.joining(", ")));
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
