package io.hiraku.catalog;

import io.hiraku.normalize.Municipalities;
import io.hiraku.publish.DatasetIris;
import io.hiraku.schema.CatalogDefinition;
import java.util.Optional;

/**
 * The place a dataset covers, from a definition's {@code spatial}: an http(s) IRI (for example the EU
 * country authority's {@code country/JPN}) as it is, or a 全国地方公共団体コード, which becomes
 * {@code <base>/places/<code>} with the municipality's name.
 */
record Place(String iri, String code, String nameJa) {

    static Optional<Place> of(CatalogDefinition catalog, String spatial) {
        if (spatial == null || spatial.isBlank()) {
            return Optional.empty();
        }
        if (spatial.startsWith("http://") || spatial.startsWith("https://")) {
            return Optional.of(new Place(spatial, null, null));
        }
        return Municipalities.byCode(spatial.strip()).map(e -> new Place(
                DatasetIris.base(catalog) + "/places/" + spatial.strip(), spatial.strip(),
                e.prefecture() + e.municipality()));
    }

}
