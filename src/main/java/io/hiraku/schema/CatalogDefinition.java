package io.hiraku.schema;

import java.util.List;
import java.util.Optional;

/** {@code catalog/catalog.yaml}: the catalog's own metadata, default licence and departments. */
public record CatalogDefinition(
        LocalizedText title,
        LocalizedText description,
        LocalizedText publisher,
        String publisherUrl,
        String baseUrl,
        List<String> languages,
        String license,
        String spatial,
        List<Department> departments) {

    public CatalogDefinition {
        title = title == null ? LocalizedText.empty() : title;
        description = description == null ? LocalizedText.empty() : description;
        publisher = publisher == null ? LocalizedText.empty() : publisher;
        languages = languages == null || languages.isEmpty() ? List.of("ja", "en") : List.copyOf(languages);
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public CatalogDefinition withBaseUrl(String url) {
        return new CatalogDefinition(title, description, publisher, publisherUrl, url, languages, license,
                spatial, departments);
    }
}
