package io.hiraku;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CKAN API response schemas of alphagov/ckan-functional-tests, loaded from the local copy: their
 * {@code $ref}s name each other by {@code http://github.com/alphagov/ckan-functional-tests/api/<name>}.
 */
public final class CkanSchemas {
    private static final String PREFIX = "http://github.com/alphagov/ckan-functional-tests/api/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemas(CkanSchemas::local));

    private CkanSchemas() {
    }

    /** The errors of a response against {@code <action>.schema.json}, e.g. {@code package_show}. */
    public static List<Error> errors(String action, JsonNode response) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(PREFIX + action + ".schema.json"));
        return schema.validate(response);
    }

    private static String local(String iri) {
        if (!iri.startsWith(PREFIX)) {
            return null;
        }
        String name = iri.substring(PREFIX.length()).replaceFirst("#.*$", "").replaceFirst("\\.schema\\.json$", "");
        try (InputStream in = CkanSchemas.class.getResourceAsStream("/standards/ckan-api/schemas/" + name + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("no local copy of the CKAN schema " + iri);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
