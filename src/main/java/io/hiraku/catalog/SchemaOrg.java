package io.hiraku.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Field;
import java.util.List;
import java.util.Set;

/**
 * The schema.org JSON-LD that search engines read from the pages (Google Dataset Search): a
 * {@code Dataset} on each dataset page, a {@code DataCatalog} on the index. It follows Google's
 * Dataset guidelines: a {@code description} of 50 to 5000 characters, {@code DataDownload}s with
 * {@code contentUrl} and {@code encodingFormat}, {@code variableMeasured} from the Table Schema.
 */
final class SchemaOrg {
    static final int MIN_DESCRIPTION = 50;
    static final int MAX_DESCRIPTION = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CatalogDefinition catalog;

    SchemaOrg(CatalogDefinition catalog) {
        this.catalog = catalog;
    }

    ObjectNode dataset(PublishedDataset published) {
        DatasetDefinition def = published.definition();
        String iri = DatasetIris.dataset(catalog, def.id());
        ObjectNode ds = JSON.createObjectNode();
        ds.put("@context", "https://schema.org/");
        ds.put("@type", "Dataset");
        ds.put("@id", iri);
        ds.put("name", def.title().in(catalog.firstLanguage()));
        String english = def.title().exactly("en");
        if (!english.isEmpty() && !english.equals(ds.path("name").asText())) {
            ds.put("alternateName", english);
        }
        ds.put("description", description(published));
        ds.put("url", iri + "/");
        ds.put("identifier", iri);
        Set<String> keywords = def.keywordsJaEn();
        if (!keywords.isEmpty()) {
            keywords.forEach(ds.putArray("keywords")::add);
        }
        String license = catalog.licenseFor(def);
        if (license != null) {
            ds.put("license", license);
        }
        ds.put("isAccessibleForFree", true);
        ds.put("inLanguage", catalog.firstLanguage());
        ObjectNode department = organization(DatasetIris.base(catalog) + "/departments/" + def.department(),
                catalog.departmentName(def.department(), catalog.firstLanguage()));
        ds.set("creator", department);
        ds.set("publisher", department.deepCopy());
        com.fasterxml.jackson.databind.node.ArrayNode coverage = ds.arrayNode();
        Place.of(catalog, def.spatial()).filter(p -> p.code() != null).ifPresent(place -> {
            ObjectNode spatial = coverage.addObject();
            spatial.put("@type", "AdministrativeArea");
            spatial.put("@id", place.iri());
            spatial.put("name", place.nameJa());
            spatial.put("identifier", place.code());
        });
        if (published.bbox() != null) {
            // where its places are: a box from the south-west corner to the north-east one, latitude first
            ObjectNode geo = coverage.addObject().put("@type", "Place").putObject("geo");
            geo.put("@type", "GeoShape");
            geo.put("box", published.bbox().get(1).toPlainString() + " " + published.bbox().get(0).toPlainString() + " "
                    + published.bbox().get(3).toPlainString() + " " + published.bbox().get(2).toPlainString());
        }
        if (coverage.size() == 1) {
            ds.set("spatialCoverage", coverage.get(0));
        } else if (coverage.size() > 1) {
            ds.set("spatialCoverage", coverage);
        }
        if (def.temporal() != null) {
            ds.put("temporalCoverage", def.temporal().interval());
        }
        ds.put("version", published.release());
        ds.put("dateModified", published.modified().toString());
        ObjectNode inCatalog = ds.putObject("includedInDataCatalog");
        inCatalog.put("@type", "DataCatalog");
        inCatalog.put("name", catalog.title().in(catalog.firstLanguage()));
        inCatalog.put("url", DatasetIris.base(catalog) + "/");
        ArrayNode variables = ds.putArray("variableMeasured");
        for (Field f : def.schema().fields()) {
            ObjectNode v = variables.addObject();
            v.put("@type", "PropertyValue");
            v.put("name", f.title() != null && !f.title().isBlank() ? f.title() : f.name());
            v.put("propertyID", f.name());
            if (f.description() != null && !f.description().isBlank()) {
                v.put("description", f.description());
            }
            if (f.unit() != null) {
                v.put("unitText", f.unit());
            }
        }
        ArrayNode downloads = ds.putArray("distribution");
        for (PublishedDataset.Distribution file : published.distributions()) {
            ObjectNode dl = downloads.addObject();
            dl.put("@type", "DataDownload");
            dl.put("name", Format.ofKey(file.format()).label());
            dl.put("contentUrl", DatasetIris.downloadUrl(catalog, def.id(), file.name()));
            dl.put("encodingFormat", file.mediaType());
            dl.put("contentSize", io.hiraku.publish.ByteSize.human(file.bytes()));
            dl.put("sha256", file.sha256());
        }
        return ds;
    }

    ObjectNode dataCatalog(List<PublishedDataset> datasets) {
        ObjectNode cat = JSON.createObjectNode();
        cat.put("@context", "https://schema.org/");
        cat.put("@type", "DataCatalog");
        cat.put("@id", DatasetIris.base(catalog) + "/catalog");
        cat.put("name", catalog.title().in(catalog.firstLanguage()));
        if (!catalog.description().isEmpty()) {
            cat.put("description", catalog.description().in(catalog.firstLanguage()));
        }
        cat.put("url", DatasetIris.base(catalog) + "/");
        cat.put("inLanguage", catalog.firstLanguage());
        if (!catalog.publisher().isEmpty()) {
            cat.set("publisher", organization(null, catalog.publisher().in(catalog.firstLanguage())));
        }
        ArrayNode list = cat.putArray("dataset");
        for (PublishedDataset d : datasets) {
            String iri = DatasetIris.dataset(catalog, d.definition().id());
            ObjectNode ds = list.addObject();
            ds.put("@type", "Dataset");
            ds.put("@id", iri);
            ds.put("name", d.definition().title().in(catalog.firstLanguage()));
            ds.put("url", iri + "/");
        }
        return cat;
    }

    /**
     * JSON for a {@code <script type="application/ld+json">} element: {@code <}, {@code >} and {@code &}
     * are written as JSON escapes, so no text in the data can close the element.
     */
    static String forScript(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The definition's description; a short one is followed by what the dataset holds (its columns, row
     * count and formats) so that it says enough, and a long one is cut at 5000 characters.
     */
    String description(PublishedDataset published) {
        DatasetDefinition def = published.definition();
        String first = catalog.firstLanguage();
        StringBuilder text = new StringBuilder(def.description().in(first).strip());
        if (text.codePointCount(0, text.length()) < MIN_DESCRIPTION) {
            boolean japanese = first.equals("ja");
            if (japanese && !text.isEmpty() && !text.toString().endsWith("。")) {
                text.append("。");
            }
            List<String> columns = def.schema().fields().stream()
                    .map(f -> f.title() != null && !f.title().isBlank() ? f.title() : f.name()).toList();
            List<String> formats = published.distributions().stream().map(d -> Format.ofKey(d.format()).label()).toList();
            if (japanese) {
                text.append(catalog.departmentName(def.department(), catalog.firstLanguage())).append("が「").append(catalog.title().in(catalog.firstLanguage()))
                        .append("」で公開する「").append(def.title().in(catalog.firstLanguage())).append("」のデータ（")
                        .append(published.rows()).append(" 件）。項目: ").append(String.join("、", columns)).append("。");
                if (!formats.isEmpty()) {
                    text.append("形式: ").append(String.join("、", formats)).append("。");
                }
            } else { // a catalog in another language: said in English, which schema.org's readers take
                if (!text.isEmpty() && !text.toString().endsWith(".")) {
                    text.append(".");
                }
                text.append(text.isEmpty() ? "" : " ").append("\"").append(def.title().in(first)).append("\", published by ")
                        .append(catalog.departmentName(def.department(), first)).append(" in ")
                        .append(catalog.title().in(first)).append(" (").append(published.rows()).append(" rows). Columns: ")
                        .append(String.join(", ", columns)).append(".");
                if (!formats.isEmpty()) {
                    text.append(" Formats: ").append(String.join(", ", formats)).append(".");
                }
            }
        }
        if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION) {
            int end = text.offsetByCodePoints(0, MAX_DESCRIPTION - 1);
            return text.substring(0, end) + "…";
        }
        return text.toString();
    }


    private ObjectNode organization(String iri, String name) {
        ObjectNode org = JSON.createObjectNode();
        org.put("@type", "GovernmentOrganization");
        if (iri != null) {
            org.put("@id", iri);
        }
        org.put("name", name);
        if (iri != null && !catalog.publisher().isEmpty()) {
            ObjectNode parent = org.putObject("parentOrganization");
            parent.put("@type", "GovernmentOrganization");
            parent.put("name", catalog.publisher().in(catalog.firstLanguage()));
        }
        return org;
    }
}
