package io.hiraku;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Official JSON Schemas whose {@code $ref}s name each other by absolute IRIs, loaded from the local copies in
 * {@code src/test/resources/standards/} instead of the network.
 */
public final class OfficialSchemas {
    /** The CKAN API response schemas of alphagov/ckan-functional-tests; names like {@code package_show}. */
    public static final OfficialSchemas CKAN = new OfficialSchemas(SpecificationVersion.DRAFT_7,
            "http://github.com/alphagov/ckan-functional-tests/api/", "/standards/ckan-api/schemas/", ".schema.json");
    /** DCAT-US 1.1 (Project Open Data); names like {@code catalog}. */
    public static final OfficialSchemas DCAT_US = new OfficialSchemas(SpecificationVersion.DRAFT_4,
            "https://project-open-data.cio.gov/v1.1/schema/", "/standards/dcat-us-1.1/schema/", ".json");

    private final String prefix;
    private final String folder;
    private final String suffix;
    private final SchemaRegistry registry;

    private OfficialSchemas(SpecificationVersion version, String prefix, String folder, String suffix) {
        this.prefix = prefix;
        this.folder = folder;
        this.suffix = suffix;
        this.registry = SchemaRegistry.withDefaultDialect(version, builder -> builder.schemas(this::local));
    }

    /** The errors of a document against the schema of that name. */
    public List<Error> errors(String name, JsonNode document) {
        return registry.getSchema(SchemaLocation.of(prefix + name + suffix)).validate(document);
    }

    private String local(String iri) {
        if (!iri.startsWith(prefix)) {
            return null;
        }
        String name = iri.substring(prefix.length()).replaceFirst("#.*$", "");
        if (!name.endsWith(suffix)) {
            name += suffix;
        }
        try (InputStream in = OfficialSchemas.class.getResourceAsStream(folder + name)) {
            if (in == null) {
                throw new IllegalStateException("no local copy of the schema " + iri);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
