package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A Frictionless Table Schema: the fields in file order, the primary key, other unique keys and the
 * missing-value markers (each with its meaning, when given).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TableSchema(
        List<Field> fields,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> primaryKey,
        List<List<String>> uniqueKeys,
        List<ForeignKey> foreignKeys,
        List<MissingValue> missingValues) {

    public TableSchema {
        fields = fields == null ? List.of() : List.copyOf(fields);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys == null ? List.of() : List.copyOf(uniqueKeys);
        foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
        missingValues = missingValues == null ? List.of(MissingValue.of("")) : List.copyOf(missingValues);
    }

    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    /** The same schema with other fields (the published form of a schema keeps keys and markers). */
    public TableSchema withFields(List<Field> newFields) {
        return new TableSchema(newFields, primaryKey, uniqueKeys, foreignKeys, missingValues);
    }
}
