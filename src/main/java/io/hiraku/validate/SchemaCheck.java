package io.hiraku.validate;

import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionException;
import io.hiraku.schema.Definitions;
import io.hiraku.schema.Field;
import java.util.List;

/**
 * What the Table Schema JSON Schema cannot see in a definition, checked when it is loaded rather than
 * when a file arrives: that each bound ({@code minimum}, {@code maximum}, ...) is a value of its field's
 * type ({@code minimum: "abc"} on an integer, {@code maximum: 2024-13-01} on a date), that each
 * {@code pattern} compiles, and that Hiraku's own {@code normalize} and {@code japaneseCode} name
 * something it knows, on a string field. The error names the definition file and the field.
 */
public final class SchemaCheck {
    private SchemaCheck() {
    }

    /** The definitions, with each dataset whose schema fails the check moved to the broken ones. */
    public static Definitions check(Definitions definitions) {
        Definitions checked = definitions;
        for (DatasetDefinition dataset : List.copyOf(definitions.datasets())) {
            try {
                check(dataset);
            } catch (DefinitionException e) {
                checked = checked.withBroken(dataset, e.getMessage());
            }
        }
        return checked;
    }

    static void check(DatasetDefinition dataset) {
        for (Field field : dataset.schema().fields()) {
            try {
                new FieldReader(field, dataset.schema().missingValues());
            } catch (IllegalArgumentException e) {
                throw new DefinitionException(dataset.definitionFile() + ": " + e.getMessage());
            }
        }
    }
}
