package io.hiraku.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Frictionless Data Package ({@code datapackage.json}, as {@code frictionless describe} writes it, v1 or
 * v2) read as dataset definitions: one per tabular resource with a schema, named after the resource, its
 * title, description, keywords and licence from the resource or else the package, its file as the
 * dataset's source file, its dialect as where the table is in the file ({@link FrictionlessDialect}), and its
 * Table Schema as it is (a Hiraku schema is a Table Schema), less the properties Hiraku does not know (an
 * example value, RDF types), which it would refuse. A schema or dialect given by reference (a path or URL) is
 * refused: a drop is read alone, and nothing is fetched.
 */
public final class FrictionlessPackage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Set<String> FIELD_KEYS = jsonNames(Field.class);
    private static final Set<String> CONSTRAINT_KEYS = jsonNames(Constraints.class);
    private static final Set<String> SCHEMA_KEYS = jsonNames(TableSchema.class);

    private FrictionlessPackage() {
    }

    /**
     * The definitions in a data package, by dataset id, as YAML; a resource whose name makes no dataset id is
     * refused.
     */
    public static Map<String, String> definitions(JsonNode dataPackage) {
        if (!dataPackage.isObject() || !dataPackage.path("resources").isArray()) {
            throw new DefinitionException("datapackage.json: this is no Data Package (it has no \"resources\" list)");
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        for (JsonNode resource : dataPackage.path("resources")) {
            String name = resource.path("name").asText();
            if (resource.path("schema").isTextual()) {
                throw new DefinitionException("datapackage.json: resource '" + name + "' gives its Table Schema as a "
                        + "reference (" + resource.path("schema") + "), not the schema itself: write the schema into "
                        + "datapackage.json, as `frictionless describe` does");
            }
            if (!resource.path("schema").isObject()) {
                continue;   // not a table
            }
            String id = name.toLowerCase(Locale.ROOT).replaceAll("[_.\\s]+", "-");
            if (!DefinitionLoader.DATASET_ID.matcher(id).matches()) {
                throw new DefinitionException("datapackage.json: resource '" + name + "' has no name a dataset id can be "
                        + "made of (lowercase letters, digits and '-')");
            }
            try {
                definitions.put(id, YAML.writeValueAsString(definition(dataPackage, resource)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new DefinitionException("datapackage.json: resource '" + name + "' cannot be written as a definition: "
                        + e.getOriginalMessage());
            }
        }
        if (definitions.isEmpty()) {
            throw new DefinitionException("datapackage.json: no resource has a Table Schema (\"schema\") to define a "
                    + "dataset with");
        }
        return definitions;
    }

    private static ObjectNode definition(JsonNode dataPackage, JsonNode resource) {
        ObjectNode def = JSON.createObjectNode();
        for (String key : new String[] {"title", "description"}) {
            String text = either(resource, dataPackage, key);
            if (!text.isBlank()) {
                def.put(key, text);
            }
        }
        JsonNode keywords = dataPackage.path("keywords");
        if (keywords.isArray() && !keywords.isEmpty()) {
            def.putObject("keywords").set("ja", keywords);
        }
        JsonNode licenses = resource.path("licenses").isArray() ? resource.path("licenses") : dataPackage.path("licenses");
        String license = licenses.path(0).path("path").asText();
        if (!license.isEmpty()) {
            def.put("license", license);
        }
        String path = resource.path("path").isArray() ? resource.path("path").path(0).asText() : resource.path("path").asText();
        ObjectNode source = def.putObject("source");
        if (!path.isEmpty()) {
            source.putArray("files").add(path.substring(path.lastIndexOf('/') + 1));
        }
        if (resource.hasNonNull("encoding")) {
            source.put("encoding", resource.path("encoding").asText());
        }
        ObjectNode schema = schema((ObjectNode) resource.path("schema"));
        FrictionlessDialect.apply(resource.path("name").asText(), resource.path("dialect"), source, schema);
        def.set("schema", schema);
        return def;
    }

    /** The Table Schema, with only what Hiraku's schema knows. */
    private static ObjectNode schema(ObjectNode schema) {
        ObjectNode kept = JSON.createObjectNode();
        schema.properties().forEach(p -> {
            if (SCHEMA_KEYS.contains(p.getKey())) {
                kept.set(p.getKey(), p.getValue());
            }
        });
        ArrayNode fields = kept.putArray("fields");
        for (JsonNode field : schema.path("fields")) {
            ObjectNode f = fields.addObject();
            field.properties().forEach(p -> {
                if (FIELD_KEYS.contains(p.getKey())) {
                    f.set(p.getKey(), p.getValue());
                }
            });
            if (field.path("constraints").isObject()) {
                ObjectNode c = f.putObject("constraints");
                field.path("constraints").properties().forEach(p -> {
                    if (CONSTRAINT_KEYS.contains(p.getKey())) {
                        c.set(p.getKey(), p.getValue());
                    }
                });
            }
        }
        return kept;
    }

    private static String either(JsonNode resource, JsonNode dataPackage, String key) {
        String own = resource.path(key).asText();
        return own.isEmpty() ? dataPackage.path(key).asText() : own;
    }

    /** The property names Jackson reads into a record: what a definition may say. */
    private static Set<String> jsonNames(Class<?> type) {
        return JSON.getDeserializationConfig().introspect(JSON.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).collect(Collectors.toUnmodifiableSet());
    }
}
