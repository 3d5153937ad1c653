package io.hiraku.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data resource's Table Dialect (Data Package v2, the v1 CSV Dialect, or frictionless-py 5's {@code csv} and
 * {@code excel} controls) as a definition's {@code source:} hints: where the header is ({@code header},
 * {@code headerRows}, {@code headerJoin}), rows that are not data ({@code commentRows}), the delimiter, the
 * sheet ({@code sheetName}, {@code sheetNumber}), and {@code nullSequence} as a missing value. What Hiraku cannot
 * read as the dialect says (another quote character, backslash escapes, comment characters other than {@code #})
 * is refused, naming it, rather than read otherwise; what does not change the table (line terminators, spaces
 * after delimiters) is let be.
 */
final class FrictionlessDialect {
    /** Properties that change nothing here: Hiraku finds line ends, and trims cells as it validates them. */
    private static final Set<String> HARMLESS = Set.of("$schema", "name", "title", "description", "lineTerminator",
            "skipInitialSpace", "caseSensitiveHeader", "csvddfVersion", "type", "format", "fillMergedCells",
            "preserveFormatting", "adjustFloatingPointError", "stringified");

    private FrictionlessDialect() {
    }

    /**
     * Writes the dialect into {@code source} (and its null sequence into {@code schema}'s missing values).
     * @param resource the resource's name, for messages
     */
    static void apply(String resource, JsonNode dialect, ObjectNode source, ObjectNode schema) {
        if (dialect.isMissingNode() || dialect.isNull()) {
            return;
        }
        if (!dialect.isObject()) {
            throw problem(resource, "its dialect is a reference (" + dialect + "), not the dialect itself: write the "
                    + "dialect into datapackage.json");
        }
        for (Map.Entry<String, JsonNode> p : flat(dialect)) {
            JsonNode value = p.getValue();
            switch (p.getKey()) {
                case "header" -> {
                    if (!value.asBoolean(true)) {
                        source.put("headerRow", 0);
                    }
                }
                case "headerRows" -> headerRows(resource, dialect, value, source);
                case "headerJoin" -> source.put("headerJoin", value.asText());
                case "commentRows" -> {
                    ArrayNode rows = source.putArray("skipRows");
                    value.forEach(row -> rows.add(row.asText()));
                }
                case "commentChar" -> {
                    if (!"#".equals(value.asText())) {
                        throw problem(resource, "its dialect's commentChar '" + value.asText() + "' is not read here (only "
                                + "#-rows above the header are); list the comment rows in commentRows instead");
                    }
                }
                case "delimiter" -> source.put("delimiter", "\t".equals(value.asText()) ? "tab" : value.asText());
                case "quoteChar" -> {
                    if (!"\"".equals(value.asText())) {
                        throw problem(resource, "its dialect's quoteChar '" + value.asText() + "' is not read here: "
                                + "save the file with double quotes (\"), as spreadsheets do");
                    }
                }
                case "doubleQuote" -> {
                    if (!value.asBoolean(true)) {
                        throw problem(resource, "its dialect says quotes are not doubled (doubleQuote: false), which is "
                                + "not read here: save the file with doubled quotes (\"\"), as spreadsheets do");
                    }
                }
                case "escapeChar" -> throw problem(resource, "its dialect's escapeChar '" + value.asText() + "' is not "
                        + "read here: save the file with doubled quotes (\"\") instead of escapes");
                case "nullSequence" -> missingValue(schema, value.asText());
                case "sheetName", "sheetNumber", "sheet" -> source.put("sheet", value.asText());
                default -> {
                    if (!HARMLESS.contains(p.getKey())) {
                        throw problem(resource, "its dialect's " + p.getKey() + " is not read here; leave it out if the "
                                + "file reads the usual way");
                    }
                }
            }
        }
    }

    /** The dialect's own properties, then those of frictionless-py 5's {@code csv} and {@code excel} controls. */
    private static List<Map.Entry<String, JsonNode>> flat(JsonNode dialect) {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : dialect.properties()) {
            if ((p.getKey().equals("csv") || p.getKey().equals("excel")) && p.getValue().isObject()) {
                all.addAll(p.getValue().properties());
            } else {
                all.add(p);
            }
        }
        return all;
    }

    /**
     * {@code headerRows: [2, 3]}: the header is rows 2 and 3 (row 1, above it, is a title row); the rows must follow
     * one another. With more than one, their labels are joined with the dialect's {@code headerJoin}, whose
     * default is a space.
     */
    private static void headerRows(String resource, JsonNode dialect, JsonNode rows, ObjectNode source) {
        if (!dialect.path("header").asBoolean(true)) {
            return;   // no header at all
        }
        if (!rows.isArray() || rows.isEmpty()) {
            throw problem(resource, "its dialect's headerRows must be a list of row numbers, such as [1] or [2, 3]");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).canConvertToInt() || rows.get(i).asInt() < 1
                    || i > 0 && rows.get(i).asInt() != rows.get(i - 1).asInt() + 1) {
                throw problem(resource, "its dialect's headerRows " + rows + " are not rows that follow one another "
                        + "(such as [2, 3]), which is how a header is read here");
            }
        }
        source.put("headerRow", rows.get(rows.size() - 1).asInt());
        if (rows.size() > 1) {
            source.put("headerRows", rows.size());
            if (!dialect.has("headerJoin")) {
                source.put("headerJoin", " ");
            }
        }
    }

    private static void missingValue(ObjectNode schema, String sequence) {
        ArrayNode missing = schema.path("missingValues").isArray() ? (ArrayNode) schema.get("missingValues")
                : schema.putArray("missingValues").add("");
        for (JsonNode m : missing) {
            if (m.asText().equals(sequence)) {
                return;
            }
        }
        missing.add(sequence);
    }

    private static DefinitionException problem(String resource, String what) {
        return new DefinitionException("datapackage.json: resource '" + resource + "': " + what);
    }
}
