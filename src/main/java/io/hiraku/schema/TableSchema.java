package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A Frictionless Table Schema: the fields in file order, the primary key and the missing-value markers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TableSchema(
        List<Field> fields,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> primaryKey,
        List<String> missingValues) {

    public TableSchema {
        fields = fields == null ? List.of() : List.copyOf(fields);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        missingValues = missingValues == null ? List.of("") : List.copyOf(missingValues);
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }
}
