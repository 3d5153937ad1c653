package io.hiraku.publish;

import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import io.hiraku.schema.TableSchema;

/**
 * The Table Schema of the published files, which differs from the definition's where normalization
 * changed how values are written: booleans are {@code true}/{@code false}, dates ISO 8601, numbers plain
 * (no group or decimal character, no text around them), text already NFKC. A consumer reading the
 * published CSV with this schema gets the right types.
 */
final class PublishedSchema {
    private PublishedSchema() {
    }

    static TableSchema of(TableSchema schema) {
        return schema.withFields(schema.fields().stream().map(PublishedSchema::published).toList());
    }

    private static Field published(Field f) {
        String format = f.type() == FieldType.DATE || f.type() == FieldType.TIME || f.type() == FieldType.DATETIME
                ? null : f.format();
        return new Field(f.name(), f.title(), f.description(), f.type(), format, f.constraints(), null, null,
                f.missingValues(), null, null, null, f.rdfProperty(), null, f.japaneseCode(), f.coordinateOrder(), f.unit());
    }
}
