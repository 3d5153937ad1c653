package io.hiraku.catalog;

import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.Contact;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Department;
import io.hiraku.schema.Field;
import io.hiraku.schema.LocalizedText;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data each page template receives, as plain maps and lists (templates stay logic-free). */
final class PageModels {
    private static final DateTimeFormatter DISPLAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Tokyo"));

    private final CatalogDefinition catalog;
    private final java.time.Instant now;

    PageModels(CatalogDefinition catalog, java.time.Instant now) {
        this.catalog = catalog;
        this.now = now;
    }

    Map<String, Object> index(List<PublishedDataset> datasets) {
        Map<String, Object> model = site("");
        model.put("rdf", "catalog");
        model.put("feed", "feeds/all.atom");
        List<Map<String, Object>> items = new ArrayList<>();
        for (PublishedDataset d : datasets) {
            items.add(summary(d));
        }
        model.put("datasets", items);
        model.put("jsonLd", SchemaOrg.forScript(new SchemaOrg(catalog).dataCatalog(datasets)));
        return model;
    }

    /** A dataset's page; {@code advice} lists what DCAT-AP recommends and the metadata lacks. */
    Map<String, Object> dataset(PublishedDataset published, List<String> advice) {
        Map<String, Object> model = site("../../");
        DatasetDefinition def = published.definition();
        model.put("dataset", summary(published));
        model.put("iri", DatasetIris.dataset(catalog, def.id()));
        String license = catalog.licenseFor(def);
        model.put("license", license == null ? "" : license);
        model.put("updateFrequency", def.updateFrequency() == null ? "" : def.updateFrequency());
        model.put("release", published.release());
        model.put("originalName", published.originalName());
        model.put("originalSha256", published.originalSha256());
        Contact contact = catalog.contactFor(def);
        model.put("contact", contact == null ? Map.of() : contactModel(contact));
        List<Map<String, Object>> downloads = new ArrayList<>();
        for (PublishedDataset.Distribution file : published.distributions()) {
            Map<String, Object> dl = new LinkedHashMap<>();
            dl.put("name", file.name());
            dl.put("format", Format.ofKey(file.format()).label());
            dl.put("mediaType", file.mediaType());
            dl.put("bytes", file.bytes());
            dl.put("size", humanSize(file.bytes()));
            dl.put("sha256", file.sha256());
            dl.put("url", DatasetIris.downloadUrl(catalog, def.id(), file.name()));
            downloads.add(dl);
        }
        model.put("downloads", downloads);
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : def.schema().fields()) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", f.name());
            field.put("title", f.title() == null ? "" : f.title());
            field.put("type", f.type().jsonName() + (f.unit() == null ? "" : "（" + f.unit() + "）"));
            field.put("description", f.description() == null ? "" : f.description());
            field.put("constraints", constraints(f, def.schema().primaryKey().contains(f.name())));
            fields.add(field);
        }
        model.put("fields", fields);
        List<Map<String, Object>> releases = new ArrayList<>();
        for (PublishedDataset.Version v : published.versions()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("release", v.release());
            r.put("created", v.created());
            r.put("rows", v.rows());
            r.put("summary", v.summary());
            r.put("path", "releases/" + v.release() + "/");
            releases.add(r);
        }
        model.put("releases", releases);
        model.put("feed", "feed.atom");
        model.put("rdf", "dataset");
        model.put("advice", advice);
        model.put("jsonLd", SchemaOrg.forScript(new SchemaOrg(catalog).dataset(published)));
        return model;
    }

    private Map<String, Object> site(String root) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("root", root);
        model.put("catalogTitle", catalog.title().in("ja"));
        model.put("catalogTitleEn", catalog.title().exactly("en"));
        model.put("catalogDescription", catalog.description().in("ja"));
        model.put("publisher", catalog.publisher().in("ja"));
        return model;
    }

    private Map<String, Object> summary(PublishedDataset d) {
        DatasetDefinition def = d.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", def.id());
        m.put("title", def.title().in("ja"));
        m.put("titleEn", def.title().exactly("en"));
        m.put("description", def.description().in("ja"));
        m.put("descriptionEn", def.description().exactly("en"));
        m.put("department", catalog.departmentName(def.department(), "ja"));
        m.put("departmentEn", catalog.departmentName(def.department(), "en"));
        m.put("keywords", def.keywords("ja"));
        m.put("modified", DISPLAY_TIME.format(d.modified()));
        m.put("modifiedIso", d.modified().toString());
        m.put("rows", d.rows());
        m.put("formats", d.distributions().stream().map(x -> Format.ofKey(x.format()).label()).toList());
        m.put("path", "datasets/" + def.id() + "/");
        Freshness.of(def.updateFrequency(), d.modified(), now).ifPresentOrElse(f -> {
            m.put("nextUpdate", DISPLAY_TIME.format(f.expected()).substring(0, 10));
            m.put("overdue", f.overdue());
        }, () -> {
            m.put("nextUpdate", "");
            m.put("overdue", false);
        });
        return m;
    }


    private static Map<String, Object> contactModel(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name() == null ? "" : c.name().in("ja"));
        m.put("email", c.email() == null ? "" : c.email());
        m.put("phone", c.phone() == null ? "" : c.phone());
        m.put("url", c.url() == null ? "" : c.url());
        return m;
    }

    private static String constraints(Field f, boolean primaryKey) {
        List<String> parts = new ArrayList<>();
        if (primaryKey) {
            parts.add("primary key");
        }
        var c = f.constraints();
        if (c.isRequired()) {
            parts.add("required");
        }
        if (c.isUnique()) {
            parts.add("unique");
        }
        if (c.allowed() != null) {
            parts.add("one of " + String.join(", ", c.allowed()));
        }
        if (c.pattern() != null) {
            parts.add("pattern " + c.pattern());
        }
        if (c.minimum() != null) {
            parts.add("≥ " + c.minimum());
        }
        if (c.maximum() != null) {
            parts.add("≤ " + c.maximum());
        }
        if (f.trueValues() != null) {
            parts.add("true: " + String.join(", ", f.trueValues()) + " / false: "
                    + String.join(", ", f.falseValuesOrDefault()));
        }
        return String.join("; ", parts);
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

}
