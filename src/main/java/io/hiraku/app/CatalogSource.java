package io.hiraku.app;

import io.hiraku.catalog.DcatGate;
import io.hiraku.schema.DefinitionException;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the catalog definition on demand, so that a definition edited or added by the open-data team
 * applies to the next drop without a restart. Each schema's bounds and patterns are checked as it is
 * loaded ({@link io.hiraku.validate.SchemaCheck}), and the catalog's own metadata against the DCAT-AP gate
 * ({@link DcatGate#catalogProblems}). The configured base URL, when set, wins over catalog.yaml's.
 */
public final class CatalogSource {
    private final Path catalogDir;
    private final String baseUrl;
    private final DefinitionLoader loader = new DefinitionLoader();

    public CatalogSource(Path catalogDir, String baseUrl) {
        this.catalogDir = catalogDir;
        this.baseUrl = baseUrl;
    }

    /** The definitions, checked as a whole: the schemas and the catalog's own metadata. */
    public Definitions load() {
        Definitions based = loadSchemas();
        List<String> problems = DcatGate.catalogProblems(based.catalog());
        if (!problems.isEmpty()) {
            throw new DefinitionException(catalogDir.resolve("catalog.yaml") + ": the catalog's own metadata does not "
                    + "pass the DCAT-AP gate; give " + String.join("; ", problems)
                    + " (e.g. description: {ja: …, en: …}, publisher: {ja: …, en: …})");
        }
        return based;
    }

    /**
     * The definitions with their schemas checked but not the catalog's own DCAT metadata: for
     * {@code validate}, which checks a file against its dataset's schema and publishes nothing (the gate
     * is Apache Jena's SHACL engine, half a second of every start).
     */
    public Definitions loadSchemas() {
        Definitions loaded = io.hiraku.validate.SchemaCheck.check(loader.load(catalogDir));
        return baseUrl == null || baseUrl.isBlank() ? loaded : loaded.withBaseUrl(baseUrl);
    }

    public Path directory() {
        return catalogDir;
    }
}
