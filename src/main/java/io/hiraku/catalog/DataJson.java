package io.hiraku.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.Contact;
import io.hiraku.schema.DataTheme;
import io.hiraku.schema.DatasetDefinition;
import java.util.List;
import java.util.Set;

/**
 * {@code data.json}: the catalog in DCAT-US 1.1 (Project Open Data), which data.gov-style harvesters and
 * many US and international portals read. Its {@code bureauCode} and {@code programCode} are US federal
 * budget codes that the schema requires of everyone: a non-federal publisher writes the all-zero codes.
 */
final class DataJson {
    static final String BUREAU_CODE = "000:00";
    static final String PROGRAM_CODE = "000:000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogDefinition catalog;

    DataJson(CatalogDefinition catalog) {
        this.catalog = catalog;
    }

    ObjectNode catalog(List<PublishedDataset> datasets) {
        ObjectNode root = JSON.createObjectNode();
        root.put("@context", "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld");
        root.put("@id", DatasetIris.base(catalog) + "/data.json");
        root.put("@type", "dcat:Catalog");
        root.put("conformsTo", "https://project-open-data.cio.gov/v1.1/schema");
        root.put("describedBy", "https://project-open-data.cio.gov/v1.1/schema/catalog.json");
        ArrayNode list = root.putArray("dataset");
        datasets.forEach(d -> list.add(dataset(d)));
        return root;
    }

    private ObjectNode dataset(PublishedDataset published) {
        DatasetDefinition def = published.definition();
        String iri = DatasetIris.dataset(catalog, def.id());
        ObjectNode ds = JSON.createObjectNode();
        ds.put("@type", "dcat:Dataset");
        ds.put("identifier", iri);
        ds.put("title", def.title().in(catalog.firstLanguage()));
        ds.put("description", def.description().in(catalog.firstLanguage()));
        keywords(def).forEach(ds.putArray("keyword")::add);
        ds.put("modified", published.modified().toString());
        ds.put("accessLevel", "public");
        ds.putArray("bureauCode").add(BUREAU_CODE);
        ds.putArray("programCode").add(PROGRAM_CODE);
        ObjectNode publisher = ds.putObject("publisher");
        publisher.put("@type", "org:Organization");
        publisher.put("name", catalog.departmentName(def.department(), catalog.firstLanguage()));
        if (!catalog.publisher().isEmpty()) {
            ObjectNode parent = publisher.putObject("subOrganizationOf");
            parent.put("@type", "org:Organization");
            parent.put("name", catalog.publisher().in(catalog.firstLanguage()));
        }
        Contact contact = catalog.contactFor(def);
        java.util.Optional<String> email = catalog.emailFor(def);
        if (email.isPresent()) {
            ObjectNode point = ds.putObject("contactPoint");
            point.put("@type", "vcard:Contact");
            point.put("fn", contact != null && contact.name() != null ? contact.name().in(catalog.firstLanguage())
                    : catalog.departmentName(def.department(), catalog.firstLanguage()));
            point.put("hasEmail", "mailto:" + email.get());
        }
        String license = catalog.licenseFor(def);
        if (license != null) {
            ds.put("license", license);
        }
        ds.put("landingPage", iri + "/");
        // the catalog's languages (ISO 639-1 codes, as DCAT-US's pattern asks), the first the data's own
        catalog.languages().forEach(ds.withArray("language")::add);
        UpdateFrequency.of(def.updateFrequency()).flatMap(UpdateFrequency::iso8601)
                .ifPresent(period -> ds.put("accrualPeriodicity", period));
        if (!def.themes().isEmpty()) {
            ArrayNode themes = ds.putArray("theme");
            def.themes().forEach(t -> themes.add(DataTheme.of(t).map(DataTheme::ja).orElse(t)));
        }
        ds.put("describedBy", iri + "/datapackage.json");
        ds.put("describedByType", "application/json");
        ArrayNode distributions = ds.putArray("distribution");
        for (PublishedDataset.Distribution file : published.distributions()) {
            ObjectNode dist = distributions.addObject();
            dist.put("@type", "dcat:Distribution");
            dist.put("title", file.name());
            dist.put("format", Format.ofKey(file.format()).label());
            dist.put("mediaType", file.mediaType());
            dist.put("downloadURL", DatasetIris.downloadUrl(catalog, def.id(), file.name()));
        }
        return ds;
    }

    /** The dataset's keywords; the schema wants at least one, so a dataset with none gets its themes' names. */
    private Set<String> keywords(DatasetDefinition def) {
        Set<String> words = def.keywordsJaEn();
        if (words.isEmpty()) {
            def.themes().forEach(t -> DataTheme.of(t).ifPresent(theme -> words.add(theme.ja())));
        }
        if (words.isEmpty()) {
            words.add(catalog.departmentName(def.department(), catalog.firstLanguage()));
        }
        return words;
    }

}
