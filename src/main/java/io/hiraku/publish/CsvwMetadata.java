package io.hiraku.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * W3C CSV on the Web metadata for the published CSV ({@code <id>.csv-metadata.json}), generated from
 * the Table Schema: column names and titles, XSD datatypes, required columns, the primary key, and
 * the same row and property IRIs as the RDF files.
 */
final class CsvwMetadata {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CsvwMetadata() {
    }

    static String fileName(String datasetId) {
        return datasetId + ".csv-metadata.json";
    }

    static byte[] of(CatalogDefinition catalog, DatasetDefinition dataset) {
        String iri = DatasetIris.dataset(catalog, dataset.id());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode context = root.putArray("@context");
        context.add("http://www.w3.org/ns/csvw");
        context.addObject().put("@language", "ja");
        root.put("url", Format.CSV.fileName(dataset.id()));
        root.put("dc:title", dataset.title().in("ja"));
        String license = catalog.licenseFor(dataset);
        if (license != null) {
            root.putObject("dc:license").put("@id", license);
        }
        ObjectNode table = root.putObject("tableSchema");
        ArrayNode columns = table.putArray("columns");
        for (Field field : dataset.schema().fields()) {
            ObjectNode column = columns.addObject();
            column.put("name", varName(field.name()));
            column.put("titles", field.label());
            column.put("datatype", datatype(field.type()));
            if (field.constraints().isRequired()) {
                column.put("required", true);
            }
            column.put("propertyUrl", field.rdfProperty() != null ? field.rdfProperty() : iri + "/schema#" + field.name());
        }
        if (!dataset.schema().primaryKey().isEmpty()) {
            ArrayNode key = table.putArray("primaryKey");
            dataset.schema().primaryKey().forEach(k -> key.add(varName(k)));
            if (dataset.schema().primaryKey().size() == 1) {
                table.put("aboutUrl", iri + "/rows/{" + varName(dataset.schema().primaryKey().get(0)) + "}");
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSVW metadata could not be written", e);
        }
    }

    /** CSVW column names are URI template variables: anything but ASCII letters, digits and _ is %-encoded. */
    private static String varName(String name) {
        return name.matches("[A-Za-z0-9_]+") ? name : URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("-", "%2D").replace(".", "%2E").replace("*", "%2A");
    }

    private static String datatype(FieldType type) {
        return switch (type) {
            case INTEGER -> "integer";
            case NUMBER -> "decimal";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIME -> "time";
            case DATETIME -> "dateTime";
            case YEAR -> "gYear";
            case YEARMONTH -> "gYearMonth";
            case DURATION -> "duration";
            case OBJECT, ARRAY -> "json";
            case STRING, GEOPOINT, ANY -> "string";
        };
    }
}
