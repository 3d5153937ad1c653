package io.hiraku.app;

import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.nio.file.Path;

/**
 * Loads the catalog definition on demand, so that a definition edited or added by the open-data team
 * applies to the next drop without a restart. Each schema's bounds and patterns are checked as it is
 * loaded ({@link io.hiraku.validate.SchemaCheck}). The configured base URL, when set, wins over catalog.yaml's.
 */
public final class CatalogSource {
    private final Path catalogDir;
    private final String baseUrl;
    private final DefinitionLoader loader = new DefinitionLoader();

    public CatalogSource(Path catalogDir, String baseUrl) {
        this.catalogDir = catalogDir;
        this.baseUrl = baseUrl;
    }

    public Definitions load() {
        Definitions loaded = io.hiraku.validate.SchemaCheck.check(loader.load(catalogDir));
        return baseUrl == null || baseUrl.isBlank() ? loaded : loaded.withBaseUrl(baseUrl);
    }

    public Path directory() {
        return catalogDir;
    }
}
