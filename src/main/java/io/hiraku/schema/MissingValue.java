package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A marker that stands for a missing value, with what it means: Table Schema v2 writes it as a plain
 * string ({@code ""}) or as {@code {value: "-", label: "該当なし"}}. Statistical tables use several
 * ({@code -}, {@code …}, {@code x}, {@code ***}, {@code 秘匿}), each meaning something different.
 */
public record MissingValue(String value, String label) {
    @JsonCreator
    static MissingValue fromYaml(Object yaml) {
        if (yaml instanceof Map<?, ?> map) {
            Object value = map.get("value");
            Object label = map.get("label");
            return new MissingValue(value == null ? "" : value.toString(), label == null ? null : label.toString());
        }
        return new MissingValue(yaml == null ? "" : yaml.toString(), null);
    }

    public static MissingValue of(String value) {
        return new MissingValue(value, null);
    }

    @JsonValue
    Object asJson() {
        if (label == null) {
            return value;
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("label", label);
        return json;
    }
}
