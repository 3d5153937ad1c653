package io.hiraku.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.Contact;
import io.hiraku.schema.DataTheme;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Department;
import io.hiraku.schema.Field;
import io.hiraku.schema.LocalizedText;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The data each page template receives in one language, as plain maps and lists (templates stay
 * logic-free). The catalog's first language lives at the site root, every other one under
 * {@code /<lang>/}; each page links the same page in the other languages.
 */
final class PageModels {
    private static final DateTimeFormatter DISPLAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Keyword facet: the most used keywords only, so the list stays short in a large catalog. */
    private static final int KEYWORD_OPTIONS = 20;

    private final CatalogDefinition catalog;
    private final Instant now;
    private final Messages t;
    private final String lang;
    private final Map<String, String> languageNames;

    /** @param languageNames each catalog language's own name ("日本語", "English"), in catalog order */
    PageModels(CatalogDefinition catalog, Instant now, Messages t, Map<String, String> languageNames) {
        this.catalog = catalog;
        this.now = now;
        this.t = t;
        this.lang = t.language();
        this.languageNames = languageNames;
    }

    /** The store key of a page at {@code path} ("" for the home, "datasets/aed/", ...) in this language. */
    String key(String path) {
        return prefix(lang) + path + "index.html";
    }

    private String prefix(String language) {
        return prefix(catalog, language);
    }

    /** Where a language's pages live: the site root for the catalog's first language, else {@code <lang>/}. */
    static String prefix(CatalogDefinition catalog, String language) {
        return language.equals(catalog.languages().get(0)) ? "" : language + "/";
    }

    Map<String, Object> index(List<PublishedDataset> datasets) {
        Map<String, Object> model = site("");
        model.put("rdf", model.get("root") + "catalog");
        model.put("feed", model.get("root") + "feeds/all.atom");
        model.put("datasets", summaries(datasets));
        model.put("facets", facets(datasets));
        model.put("searchIndex", model.get("root") + SearchIndex.KEY);
        model.put("jsonLd", SchemaOrg.forScript(new SchemaOrg(catalog).dataCatalog(datasets)));
        return model;
    }

    Map<String, Object> departments(List<PublishedDataset> datasets) {
        Map<String, Object> model = site("departments/");
        List<Map<String, Object>> items = new ArrayList<>();
        for (Department d : catalog.departments()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", d.name().in(lang));
            item.put("nameLang", d.name().languageOf(lang));
            item.put("path", d.id() + "/");
            item.put("count", datasets.stream().filter(p -> p.definition().department().equals(d.id())).count());
            items.add(item);
        }
        model.put("departments", items);
        return model;
    }

    Map<String, Object> department(Department department, List<PublishedDataset> datasets) {
        Map<String, Object> model = site("departments/" + department.id() + "/");
        model.put("department", department.name().in(lang));
        model.put("departmentLang", department.name().languageOf(lang));
        Contact contact = department.contact() == null ? catalog.contact() : department.contact();
        model.put("contact", contact == null ? Map.of() : contactModel(contact));
        model.put("feed", model.get("root") + "feeds/" + department.id() + ".atom");
        model.put("datasets", summaries(datasets.stream()
                .filter(p -> p.definition().department().equals(department.id())).toList()));
        return model;
    }

    Map<String, Object> about() {
        Map<String, Object> model = site("about/");
        String license = catalog.license() == null ? "" : catalog.license();
        model.put("license", license);
        model.put("licenseName", licenseName(license));
        model.put("citeExample", t.get("aboutpage.cite.example", catalog.publisher().in(lang),
                t.get("datasets.heading"), DatasetIris.base(catalog) + "/"));
        return model;
    }

    /** The page left at a withdrawn dataset's address: when and why it was withdrawn, and its releases. */
    Map<String, Object> withdrawn(WithdrawnDataset dataset) {
        String id = dataset.definition().id();
        Map<String, Object> model = site("datasets/" + id + "/");
        io.hiraku.schema.LocalizedText title = dataset.definition().title();
        model.put("title", title.in(lang));
        model.put("titleLang", title.languageOf(lang));
        // search engines drop the address; people following an old link learn what happened
        model.put("noindex", true);
        model.put("id", id);
        String data = model.get("root") + DatasetIris.datasetKey(id);
        model.put("history", data + "releases.json");
        PublishedDataset.Withdrawn last = dataset.last();
        model.put("withdrawnAt", last.at());
        model.put("withdrawnAtLocal", displayTime(last.at()));
        model.put("reason", last.reason());
        model.put("releases", dataset.versions().stream().map(v -> release(v, data)).toList());
        return model;
    }

    /** A row of a release history: the release, and when and why it was withdrawn if it was. */
    private Map<String, Object> release(PublishedDataset.Version v, String data) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("release", v.release());
        r.put("created", v.created());
        r.put("createdLocal", displayTime(v.created()));
        r.put("rows", v.rows());
        r.put("summary", changes(v));
        r.put("path", data + "releases/" + v.release() + "/");
        if (!v.live()) {
            r.put("withdrawnAt", v.withdrawn().at());
            r.put("withdrawnAtLocal", displayTime(v.withdrawn().at()));
            r.put("withdrawnReason", v.withdrawn().reason());
        }
        return r;
    }

    /** A dataset's page; {@code advice} lists what DCAT-AP recommends and the metadata lacks. */
    /**
     * The map of a dataset of places (it has a GeoJSON), when the catalog shows maps and the GeoJSON is small
     * enough for a browser to draw ({@link #MAP_UP_TO} bytes); the label of a point is its name's field.
     */
    private java.util.Optional<Map<String, Object>> map(PublishedDataset published) {
        io.hiraku.schema.MapTiles tiles = catalog.map();
        return published.distributions().stream()
                .filter(d -> d.format().equals(Format.GEOJSON.key()) && d.bytes() <= MAP_UP_TO && tiles.shown())
                .findFirst().map(d -> Map.of("file", d.name(), "tiles", tiles.tiles(),
                        "attribution", tiles.attribution(), "attributionUrl", tiles.attributionUrl(),
                        "label", published.definition().schema().fields().stream()
                                .filter(f -> "http://schema.org/name".equals(f.rdfProperty()) || f.name().equals("name"))
                                .map(Field::name).findFirst().orElse(""),
                        "titles", fieldTitles(published.definition())));
    }

    /** On a Japanese page, each field's title (the header the department wrote) by its name, as JSON; else none. */
    private String fieldTitles(DatasetDefinition def) {
        com.fasterxml.jackson.databind.node.ObjectNode titles = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        if ("ja".equals(lang)) {
            for (Field f : def.schema().fields()) {
                if (f.title() != null && !f.title().isBlank()) {
                    titles.put(f.name(), f.title());
                }
            }
        }
        return titles.toString();
    }

    /** The largest GeoJSON a dataset page draws on its map (10 MB: some 25,000 points). */
    static final long MAP_UP_TO = 10L * 1024 * 1024;

    Map<String, Object> dataset(PublishedDataset published, List<String> advice, JsonNode profile, MqaScore mqa) {
        DatasetDefinition def = published.definition();
        Map<String, Object> model = site("datasets/" + def.id() + "/");
        String data = model.get("root") + DatasetIris.datasetKey(def.id());
        model.put("data", data);
        model.put("dataset", summary(published));
        model.put("iri", DatasetIris.dataset(catalog, def.id()));
        String license = catalog.licenseFor(def);
        model.put("license", license == null ? "" : license);
        model.put("licenseName", licenseName(license));
        model.put("updateFrequency", UpdateFrequency.of(def.updateFrequency())
                .map(f -> t.get("frequency." + f.name())).orElse(""));
        model.put("release", published.release());
        model.put("originalName", published.originalName());
        model.put("originalSha256", published.originalSha256());
        Contact contact = catalog.contactFor(def);
        model.put("contact", contact == null ? Map.of() : contactModel(contact));
        model.put("themes", def.themes().stream().map(c -> DataTheme.of(c).map(this::themeLabel).orElse(c)).toList());
        model.put("downloads", downloads(published));
        map(published).ifPresent(m -> model.put("map", m));
        model.put("fields", fields(def));
        model.put("preview", preview(def, profile));
        model.put("profile", profile(def, profile));
        model.put("releases", published.versions().stream().map(v -> release(v, data)).toList());
        QualityScore quality = QualityScore.of(catalog, published, advice, now);
        model.put("quality", Map.of(
                "percent", quality.percent(),
                "summary", t.get("quality.summary", quality.checks().size(), quality.passed()),
                "checks", quality.checks().stream().map(c -> Map.of(
                        "label", t.get("quality.check." + c.key()), "passed", c.passed())).toList()));
        model.put("mqa", mqaModel(mqa));
        String csvUrl = DatasetIris.downloadUrl(catalog, def.id(), Format.CSV.fileName(def.id()));
        model.put("csvUrl", csvUrl);
        model.put("curl", "curl -O " + csvUrl);
        model.put("pandas", "import pandas as pd\ndf = pd.read_csv(\"" + csvUrl + "\")");
        model.put("r", "df <- read.csv(\"" + csvUrl + "\", fileEncoding = \"UTF-8\")");
        model.put("cite", t.get("aboutpage.cite.example", catalog.departmentName(def.department(), lang),
                def.title().in(lang), DatasetIris.dataset(catalog, def.id()) + "/"));
        model.put("feed", data + "feed.atom");
        model.put("rdf", data + "dataset");
        model.put("advice", advice);
        model.put("jsonLd", SchemaOrg.forScript(new SchemaOrg(catalog).dataset(published)));
        return model;
    }

    /** The MQA score by dimension, and the indicators not fully met (what to add to the metadata). */
    private Map<String, Object> mqaModel(MqaScore mqa) {
        Map<String, int[]> dimensions = new LinkedHashMap<>();
        List<String> unmet = new ArrayList<>();
        for (MqaScore.Indicator i : mqa.indicators()) {
            int[] pm = dimensions.computeIfAbsent(i.dimension(), k -> new int[2]);
            pm[0] += i.points();
            pm[1] += i.weight();
        }
        for (MqaScore.Indicator i : mqa.unmet()) {
            unmet.add(t.get("mqa.metric." + i.metric()) + " (" + i.points() + " / " + i.weight() + ")");
        }
        List<Map<String, Object>> dims = new ArrayList<>();
        dimensions.forEach((name, pm) -> dims.add(Map.of("name", t.get("mqa.dimension." + name),
                "points", pm[0], "maximum", pm[1])));
        return Map.of("points", mqa.points(), "maximum", MqaScore.maximum(),
                "rating", t.get("mqa.rating." + mqa.rating()), "dimensions", dims, "unmet", unmet);
    }

    /**
     * What a release changed, in the page's language: from the counts {@code releases.json} records, or its
     * English summary for entries written before it recorded them.
     */
    private String changes(PublishedDataset.Version v) {
        PublishedDataset.Changes c = v.changes();
        if (c == null) {
            return v.first() ? t.get("history.first") : v.summary();
        }
        StringBuilder text = new StringBuilder();
        if (c.sameOriginal()) {
            text.append(t.get("history.redefined"));
        }
        text.append(t.get("history.counts", c.added(), c.removed(), c.changed()));
        if (!c.addedColumns().isEmpty()) {
            text.append(t.get("history.separator")).append(t.get("history.columnsAdded", String.join(", ", c.addedColumns())));
        }
        if (!c.removedColumns().isEmpty()) {
            text.append(t.get("history.separator"))
                    .append(t.get("history.columnsRemoved", String.join(", ", c.removedColumns())));
        }
        return text.toString();
    }

    /** An instant (ISO 8601) as people read it, in the catalog's time zone; the text itself if it is none. */
    private String displayTime(String instant) {
        try {
            return DISPLAY_TIME.withZone(catalog.zone()).format(java.time.Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** What every page has: the language, its wording, the paths to the site root and the other languages. */
    private Map<String, Object> site(String path) {
        String here = prefix(lang) + path;
        String root = "../".repeat((int) here.chars().filter(c -> c == '/').count());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lang", lang);
        model.put("t", t);
        model.put("root", root);
        model.put("home", root + prefix(lang));
        List<Map<String, String>> alternates = new ArrayList<>();
        for (String other : catalog.languages()) {
            alternates.add(Map.of("lang", other, "name", languageNames.getOrDefault(other, other),
                    "href", root + prefix(other) + path, "current", String.valueOf(other.equals(lang))));
        }
        model.put("alternates", alternates);
        model.put("canonical", DatasetIris.base(catalog) + "/" + here);
        model.put("catalogTitle", catalog.title().in(lang));
        model.put("catalogTitleLang", catalog.title().languageOf(lang));
        model.put("catalogDescription", catalog.description().in(lang));
        model.put("catalogDescriptionLang", catalog.description().languageOf(lang));
        model.put("publisher", catalog.publisher().in(lang));
        model.put("publisherLang", catalog.publisher().languageOf(lang));
        return model;
    }

    private List<Map<String, Object>> summaries(List<PublishedDataset> datasets) {
        return datasets.stream()
                .sorted(Comparator.comparing(PublishedDataset::modified).reversed())
                .map(this::summary).toList();
    }

    private Map<String, Object> summary(PublishedDataset d) {
        DatasetDefinition def = d.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", def.id());
        putText(m, "title", def.title());
        putText(m, "description", def.description());
        m.put("department", catalog.departmentName(def.department(), lang));
        m.put("departmentPath", "departments/" + def.department() + "/");
        m.put("keywords", keywords(def));
        m.put("modified", DISPLAY_TIME.withZone(catalog.zone()).format(d.modified()));
        m.put("modifiedIso", d.modified().toString());
        m.put("rows", d.rows());
        m.put("formats", Facet.formatLabels(d).stream().map(this::formatLabel).toList());
        m.put("path", "datasets/" + def.id() + "/");
        Freshness.of(def.updateFrequency(), d.modified(), now, catalog.zone()).ifPresentOrElse(f -> {
            m.put("nextUpdate", DISPLAY_TIME.withZone(catalog.zone()).format(f.expected()).substring(0, 10));
            m.put("overdue", f.overdue());
        }, () -> {
            m.put("nextUpdate", "");
            m.put("overdue", false);
        });
        return m;
    }

    /** The keywords in this page's language, else the Japanese ones. */
    private List<String> keywords(DatasetDefinition def) {
        List<String> keywords = def.keywords(lang);
        return keywords.isEmpty() ? def.keywords("ja") : keywords;
    }

    /** Puts a text in this page's language and, as {@code <name>Lang}, the language it is really in. */
    private void putText(Map<String, Object> model, String name, LocalizedText text) {
        model.put(name, text.in(lang));
        model.put(name + "Lang", text.languageOf(lang));
    }

    private List<Map<String, Object>> facets(List<PublishedDataset> datasets) {
        List<Map<String, Object>> facets = new ArrayList<>();
        for (Facet f : Facet.values()) {
            facets.add(facet(f.key(), datasets, d -> f.values(catalog, d), label(f), Integer.MAX_VALUE));
        }
        facets.add(facet("keyword", datasets, d -> keywords(d.definition()), k -> k, KEYWORD_OPTIONS));
        return facets.stream().filter(f -> !((List<?>) f.get("options")).isEmpty()).toList();
    }

    /**
     * A format's label (the code the search index and the facets use: "CSV (Excel: UTF-8 with BOM)") as the
     * page's language words it ({@code format.<key>} in the wording), else as it is.
     */
    private String formatLabel(String label) {
        for (Format format : Format.values()) {
            if (format.label().equals(label)) {
                String own = t.find("format." + format.key());
                return own == null ? label : own;
            }
        }
        return label;
    }

    /** How a facet's values read on the page. */
    private Function<String, String> label(Facet facet) {
        return switch (facet) {
            case DEPARTMENT -> id -> catalog.departmentName(id, lang);
            case THEME -> code -> DataTheme.of(code).map(this::themeLabel).orElse(code);
            case FORMAT -> this::formatLabel;
            case LICENSE -> this::licenseName;
            case FREQUENCY -> f -> t.get("frequency." + f);
        };
    }

    private Map<String, Object> facet(String key, List<PublishedDataset> datasets,
            Function<PublishedDataset, List<String>> values, Function<String, String> label, int limit) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (PublishedDataset d : datasets) {
            for (String v : values.apply(d)) {
                counts.merge(v, 1L, Long::sum);
            }
        }
        List<Map<String, Object>> options = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> Map.<String, Object>of("value", e.getKey(), "label", label.apply(e.getKey()),
                        "count", e.getValue()))
                .toList();
        return Map.of("key", key, "legend", t.get("facet." + key), "options", options);
    }

    private String themeLabel(DataTheme theme) {
        return "ja".equals(lang) ? theme.ja() : theme.en();
    }

    private String licenseName(String url) {
        String key = Vocabularies.licenseKey(url);
        String name = key == null ? null : t.find("license." + key);
        return name == null ? (url == null ? "" : url) : name;
    }

    private List<Map<String, Object>> downloads(PublishedDataset published) {
        String id = published.definition().id();
        List<Map<String, Object>> downloads = new ArrayList<>();
        for (PublishedDataset.Distribution file : published.distributions()) {
            Map<String, Object> dl = new LinkedHashMap<>();
            dl.put("name", file.name());
            dl.put("format", formatLabel(Format.ofKey(file.format()).label()));
            dl.put("mediaType", file.mediaType());
            dl.put("bytes", file.bytes());
            dl.put("size", io.hiraku.publish.ByteSize.human(file.bytes()));
            dl.put("sha256", file.sha256());
            dl.put("url", DatasetIris.downloadUrl(catalog, id, file.name()));
            downloads.add(dl);
        }
        return downloads;
    }

    private List<Map<String, Object>> fields(DatasetDefinition def) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : def.schema().fields()) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", f.name());
            field.put("title", f.title() == null ? "" : f.title());
            field.put("type", typeLabel(f.type()) + (f.unit() == null ? "" : t.get("schema.unit", f.unit())));
            field.put("description", f.description() == null ? "" : f.description());
            field.put("constraints", String.join(t.get("constraint.separator"),
                    constraints(f, def.schema().primaryKey().contains(f.name()))));
            fields.add(field);
        }
        return fields;
    }

    /** The first rows from {@code profile.json}, headed by the column titles; empty when not published. */
    private Map<String, Object> preview(DatasetDefinition def, JsonNode profile) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : profile.path("preview")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.asText()));
            rows.add(cells);
        }
        return Map.of("columns", def.schema().fields().stream().map(Field::label).toList(), "rows", rows,
                "caption", t.get("preview.caption", rows.size(), profile.path("rows").asLong()));
    }

    private List<Map<String, Object>> profile(DatasetDefinition def, JsonNode profile) {
        Map<String, String> labels = new LinkedHashMap<>();
        def.schema().fields().forEach(f -> labels.put(f.name(), f.label()));
        List<Map<String, Object>> columns = new ArrayList<>();
        for (JsonNode c : profile.path("columns")) {
            Map<String, Object> column = new LinkedHashMap<>();
            String name = c.path("name").asText();
            column.put("name", name);
            column.put("label", labels.getOrDefault(name, name));
            column.put("count", c.path("count").asLong());
            column.put("missing", c.path("missing").asLong());
            column.put("distinct", c.path("distinct").asLong()
                    + (c.path("distinctIsLowerBound").asBoolean() ? " " + t.get("profile.atLeast") : ""));
            column.put("range", c.has("min") ? c.path("min").asText() + " – " + c.path("max").asText() : "");
            List<String> top = new ArrayList<>();
            c.path("top").forEach(v -> top.add(v.path("value").asText() + " (" + v.path("count").asLong() + ")"));
            column.put("top", top);
            columns.add(column);
        }
        return columns;
    }

    private Map<String, Object> contactModel(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name() == null ? "" : c.name().in(lang));
        m.put("email", c.email() == null ? "" : c.email());
        m.put("phone", c.phone() == null ? "" : c.phone());
        m.put("url", c.url() == null ? "" : c.url());
        return m;
    }

    /** A Table Schema type as the page's language names it, with its name in the schema where that differs. */
    private String typeLabel(io.hiraku.schema.FieldType type) {
        String label = t.find("type." + type.jsonName());
        return label == null || label.equals(type.jsonName()) ? type.jsonName() : label + " (" + type.jsonName() + ")";
    }

    /** A field's constraints in the page's language, each as a phrase. */
    private List<String> constraints(Field f, boolean primaryKey) {
        List<String> parts = new ArrayList<>();
        if (primaryKey) {
            parts.add(t.get("constraint.primaryKey"));
        }
        var c = f.constraints();
        if (c.isRequired()) {
            parts.add(t.get("constraint.required"));
        }
        if (c.isUnique()) {
            parts.add(t.get("constraint.unique"));
        }
        if (c.allowed() != null) {
            parts.add(t.get("constraint.oneOf", String.join(", ", c.allowed())));
        }
        if (c.pattern() != null) {
            parts.add(t.get("constraint.pattern", c.pattern()));
        }
        if (c.minLength() != null) {
            parts.add(t.get("constraint.minLength", c.minLength()));
        }
        if (c.maxLength() != null) {
            parts.add(t.get("constraint.maxLength", c.maxLength()));
        }
        if (c.minimum() != null) {
            parts.add("≥ " + c.minimum());
        }
        if (c.exclusiveMinimum() != null) {
            parts.add("> " + c.exclusiveMinimum());
        }
        if (c.maximum() != null) {
            parts.add("≤ " + c.maximum());
        }
        if (c.exclusiveMaximum() != null) {
            parts.add("< " + c.exclusiveMaximum());
        }
        if (f.trueValues() != null) {
            parts.add(t.get("constraint.booleans", String.join(", ", f.trueValues()),
                    String.join(", ", f.falseValuesOrDefault())));
        }
        return parts;
    }

}
