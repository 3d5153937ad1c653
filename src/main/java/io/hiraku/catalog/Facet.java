package io.hiraku.catalog;

import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import java.util.List;

/**
 * The index page's filters and the values a dataset has for each: the same codes label the page's
 * checkboxes and fill {@code search-index.json}, so the script matches one against the other. The
 * keyword filter is not here: the page offers the keywords of its language, the index holds all.
 */
enum Facet {
    DEPARTMENT, THEME, FORMAT, LICENSE, FREQUENCY;

    /** The name in the page's form and in the index ({@code department}, ...). */
    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    List<String> values(CatalogDefinition catalog, PublishedDataset d) {
        return switch (this) {
            case DEPARTMENT -> List.of(d.definition().department());
            case THEME -> d.definition().themes();
            case FORMAT -> formatLabels(d);
            case LICENSE -> {
                String license = catalog.licenseFor(d.definition());
                yield license == null ? List.of() : List.of(license);
            }
            case FREQUENCY -> UpdateFrequency.of(d.definition().updateFrequency()).map(f -> List.of(f.name())).orElse(List.of());
        };
    }

    /** The formats a dataset is published in, as people read them (CSV, JSON, RDF (Turtle), ...). */
    static List<String> formatLabels(PublishedDataset d) {
        return d.distributions().stream().map(x -> Format.ofKey(x.format()).label()).distinct().toList();
    }
}
