package io.hiraku.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a dataset's Table Schema against the official Frictionless Table Schema v2 JSON Schema, shipped
 * with the application ({@code standards/frictionless/v2/tableschema.json}), and says which field is wrong.
 */
final class TableSchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FIELD_INDEX = Pattern.compile("^\\$?[./]?fields[/\\[.]?(\\d+)");
    private static final Schema TABLE_SCHEMA = load();

    private TableSchemaCheck() {
    }

    private static Schema load() {
        try (InputStream in = TableSchemaCheck.class.getResourceAsStream("/standards/frictionless/v2/tableschema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the Table Schema JSON Schema is missing from the application", e);
        }
    }

    /** @throws DefinitionException naming the file, the field and the problem */
    static void check(String file, TableSchema schema) {
        JsonNode json = JSON.valueToTree(schema);
        List<Error> errors = TABLE_SCHEMA.validate(json);
        if (errors.isEmpty()) {
            return;
        }
        Error first = mostSpecific(errors);
        String where = first.getInstanceLocation().toString();
        Matcher m = FIELD_INDEX.matcher(where);
        String field = "";
        if (m.find()) {
            int index = Integer.parseInt(m.group(1));
            if (index < schema.fields().size()) {
                field = " field '" + schema.fields().get(index).name() + "':";
            }
        }
        throw new DefinitionException(file + ": the schema is not a valid Table Schema (" + errors.size()
                + " problem(s));" + field + " " + first.getMessage());
    }

    /** The error that points deepest into the document, which says most about what to change. */
    private static Error mostSpecific(List<Error> errors) {
        Error best = errors.get(0);
        for (Error e : errors) {
            if (e.getInstanceLocation().toString().length() > best.getInstanceLocation().toString().length()) {
                best = e;
            }
        }
        return best;
    }
}
