package io.hiraku.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Fixtures;
import io.hiraku.publish.LocalObjectStore;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata written by a department is data, never markup: pages show it as text. */
class CatalogBuilderTest {
    @TempDir
    Path dir;

    @Test
    void scriptInATitleIsShownAsTextNotRun() throws Exception {
        Path catalog = dir.resolve("catalog");
        Files.createDirectories(catalog.resolve("datasets/city"));
        Files.writeString(catalog.resolve("catalog.yaml"), "title: Test <b>catalog</b>\ndescription: A <i>test</i> catalog\npublisher: Test City\nbaseUrl: https://data.example.test\n"
                + "departments:\n  - id: city\n    name: \"市<script>alert('dept')</script>\"\n");
        Files.writeString(catalog.resolve("datasets/city/evil.yaml"), """
                title: "<script>alert('x')</script>施設"
                description: "<img src=x onerror=alert(1)>説明"
                keywords: {ja: ["<i>k</i>"]}
                schema:
                  fields:
                    - {name: id, title: "<b>ID</b>", type: integer}
                """);
        Definitions definitions = new DefinitionLoader().load(catalog);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Fixtures.publish(definitions, definitions.dataset("evil").orElseThrow(), store, dir.resolve("staging"),
                Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        new CatalogBuilder(store, new SiteTemplates(Path.of("catalog/site")), dir.resolve("scratch")).rebuild(definitions);

        Document page = Jsoup.parse(store.root().resolve("datasets/evil/index.html").toFile(), "UTF-8");
        // the one script is the schema.org JSON-LD, which carries the title as data
        assertThat(page.select("script").eachAttr("type")).containsExactly("application/ld+json");
        JsonNode jsonLd = new ObjectMapper().readTree(page.selectFirst("script").data());
        assertThat(jsonLd.path("name").asText()).isEqualTo("<script>alert('x')</script>施設");
        assertThat(jsonLd.path("description").asText()).startsWith("<img src=x onerror=alert(1)>説明。")
                .contains("項目: <b>ID</b>");
        assertThat(page.select("img")).isEmpty();
        assertThat(page.select("h1").text()).isEqualTo("<script>alert('x')</script>施設");
        assertThat(page.text()).contains("<img src=x onerror=alert(1)>説明", "<b>ID</b>", "市<script>alert('dept')</script>");
        Document index = Jsoup.parse(store.root().resolve("index.html").toFile(), "UTF-8");
        assertThat(index.select("script").eachAttr("type")).containsExactly("application/ld+json");
        assertThat(new ObjectMapper().readTree(index.selectFirst("script").data()).path("dataset").get(0).path("name")
                .asText()).isEqualTo("<script>alert('x')</script>施設");
        assertThat(index.select("ul.datasets h2 a").text()).isEqualTo("<script>alert('x')</script>施設");
        assertThat(index.title()).isEqualTo("Test <b>catalog</b>");
    }

    @Test
    void aDatasetPastItsNextUpdateIsMarkedOverdueOnItsPageAndTheIndex() throws Exception {
        Definitions definitions = new DefinitionLoader().load(Fixtures.monthlyVisitsCatalog(dir.resolve("catalog")));
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Fixtures.publish(definitions, definitions.dataset("visits").orElseThrow(), store, dir.resolve("staging"),
                Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        SiteTemplates site = new SiteTemplates(Path.of("catalog/site"));
        new CatalogBuilder(store, site, dir.resolve("scratch"),
                java.time.Clock.fixed(Instant.parse("2026-01-20T00:00:00Z"), java.time.ZoneOffset.UTC)).rebuild(definitions);
        Document page = Jsoup.parse(store.root().resolve("datasets/visits/index.html").toFile(), "UTF-8");
        assertThat(page.select("dl.facts").text()).contains("次回更新予定", "2026-02-01");
        assertThat(page.select(".overdue")).isEmpty();

        new CatalogBuilder(store, site, dir.resolve("scratch"),
                java.time.Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), java.time.ZoneOffset.UTC)).rebuild(definitions);
        page = Jsoup.parse(store.root().resolve("datasets/visits/index.html").toFile(), "UTF-8");
        assertThat(page.select(".overdue").text()).isEqualTo("更新が遅れています");
        Document english = Jsoup.parse(store.root().resolve("en/datasets/visits/index.html").toFile(), "UTF-8");
        assertThat(english.select(".overdue").text()).isEqualTo("Update overdue");
        assertThat(Jsoup.parse(store.root().resolve("index.html").toFile(), "UTF-8").select("ul.datasets .overdue")).hasSize(1);
    }

    /** The advice is kept between rebuilds (one follows every drop) and recomputed when the definition changes. */
    @Test
    void theAdviceFollowsTheDefinitionAcrossRebuildsByOneBuilder() throws Exception {
        Path catalogDir = Fixtures.monthlyVisitsCatalog(dir.resolve("catalog"));
        Definitions definitions = new DefinitionLoader().load(catalogDir);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Fixtures.publish(definitions, definitions.dataset("visits").orElseThrow(), store, dir.resolve("staging"),
                Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        CatalogBuilder builder = new CatalogBuilder(store, new SiteTemplates(Path.of("catalog/site")), dir.resolve("scratch"));
        builder.rebuild(definitions);
        assertThat(advice(store)).anyMatch(line -> line.contains("temporal")).anyMatch(line -> line.contains("keyword"));
        builder.rebuild(definitions);
        assertThat(advice(store)).anyMatch(line -> line.contains("temporal")).anyMatch(line -> line.contains("keyword"));

        Path definition = catalogDir.resolve("datasets/city/visits.yaml");
        Files.writeString(definition, Files.readString(definition).replace("updateFrequency: monthly",
                "updateFrequency: monthly\ntemporal: {start: \"2025-04-01\"}\nkeywords: {ja: [来庁者]}"));
        builder.rebuild(new DefinitionLoader().load(catalogDir));
        assertThat(advice(store)).noneMatch(line -> line.contains("temporal") || line.contains("keyword"));
    }

    /**
     * A rebuild follows every drop; a dataset whose metadata, release and freshness are as they were keeps
     * its documents as written (with a thousand datasets, writing them all took 17 s a drop), as does a page
     * of the DCAT catalog whose datasets are as they were; whatever changed is written again: a new release,
     * a definition edited, a dataset falling overdue. (The index pages, feeds and lists are always written.)
     */
    @Test
    void aRebuildWritesAgainWhatChangedAndOnlyThat() throws Exception {
        Path catalogDir = Fixtures.monthlyVisitsCatalog(dir.resolve("catalog"));
        Files.writeString(catalogDir.resolve("datasets/city/counts.yaml"), """
                title: 件数
                description: 窓口の件数
                schema:
                  fields:
                    - {name: id, type: integer}
                """);
        Definitions definitions = new DefinitionLoader().load(catalogDir);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        for (String id : java.util.List.of("visits", "counts")) {
            Fixtures.publish(definitions, definitions.dataset(id).orElseThrow(), store, dir.resolve("staging"),
                    Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        }
        Instant[] now = {Instant.parse("2026-01-20T00:00:00Z")};
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        CatalogBuilder builder = new CatalogBuilder(store, new SiteTemplates(Path.of("catalog/site")), dir.resolve("scratch"), clock);
        builder.rebuild(definitions);
        java.util.List<String> documents = java.util.List.of("datasets/visits/dataset.ttl", "datasets/visits/index.html",
                "datasets/counts/dataset.ttl", "datasets/counts/index.html", "en/datasets/counts/index.html", "catalog.ttl");
        java.util.Map<String, Object> first = fileKeys(store, documents);

        builder.rebuild(new DefinitionLoader().load(catalogDir));
        assertThat(fileKeys(store, documents)).as("nothing changed: nothing written again").isEqualTo(first);

        Fixtures.publish(definitions, definitions.dataset("counts").orElseThrow(), store, dir.resolve("staging"),
                Instant.parse("2026-01-10T00:00:00Z"), 5, new Object[] {1L}, new Object[] {2L});
        builder.rebuild(new DefinitionLoader().load(catalogDir));
        java.util.Map<String, Object> second = fileKeys(store, documents);
        assertThat(changed(first, second)).containsExactlyInAnyOrder("datasets/counts/dataset.ttl",
                "datasets/counts/index.html", "en/datasets/counts/index.html", "catalog.ttl");
        assertThat(Files.readString(store.root().resolve("datasets/counts/dataset.ttl"))).contains("20260110");

        Path definition = catalogDir.resolve("datasets/city/visits.yaml");
        Files.writeString(definition, Files.readString(definition).replace("title: 来庁者数", "title: 来庁者数（月別）"));
        builder.rebuild(new DefinitionLoader().load(catalogDir));
        java.util.Map<String, Object> third = fileKeys(store, documents);
        assertThat(changed(second, third)).contains("datasets/visits/dataset.ttl", "datasets/visits/index.html")
                .doesNotContain("datasets/counts/dataset.ttl", "datasets/counts/index.html");
        assertThat(Files.readString(store.root().resolve("datasets/visits/index.html"))).contains("来庁者数（月別）");

        now[0] = Instant.parse("2026-03-01T00:00:00Z");   // visits (monthly) falls overdue; counts has no schedule
        builder.rebuild(new DefinitionLoader().load(catalogDir));
        assertThat(changed(third, fileKeys(store, documents))).contains("datasets/visits/index.html")
                .doesNotContain("datasets/counts/dataset.ttl", "datasets/counts/index.html");
        assertThat(Jsoup.parse(store.root().resolve("datasets/visits/index.html").toFile(), "UTF-8").select(".overdue").text())
                .isEqualTo("更新が遅れています");
    }

    /** Each document's file system entry: written again, it is a new one (objects are replaced by a rename). */
    @Test
    void theThemesFilesArePutOnceARunAndAgainWhenOneOfThemChanges() throws Exception {
        Path catalogDir = Fixtures.monthlyVisitsCatalog(dir.resolve("catalog"));
        Path style = Files.createDirectories(catalogDir.resolve("site/assets")).resolve("style.css");
        Files.writeString(style, "body{color:black}");
        Definitions definitions = new DefinitionLoader().load(catalogDir);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Fixtures.publish(definitions, definitions.dataset("visits").orElseThrow(), store, dir.resolve("staging"),
                Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        CatalogBuilder builder = new CatalogBuilder(store, new SiteTemplates(catalogDir.resolve("site")), dir.resolve("scratch"));
        builder.rebuild(definitions);
        java.util.List<String> assets = java.util.List.of("assets/style.css", "assets/leaflet/leaflet.js",
                "assets/leaflet/LICENSE");
        java.util.Map<String, Object> first = fileKeys(store, assets);

        builder.rebuild(definitions);
        assertThat(fileKeys(store, assets)).as("the same theme: not put again").isEqualTo(first);

        Files.writeString(style, "body{color:navy;margin:0}");
        builder.rebuild(definitions);
        assertThat(Files.readString(store.root().resolve("assets/style.css"))).isEqualTo("body{color:navy;margin:0}");
        java.util.Map<String, Object> edited = fileKeys(store, assets);
        assertThat(changed(first, edited)).contains("assets/style.css");

        // a new run (a new builder) puts them once, whatever it finds in the store
        new CatalogBuilder(store, new SiteTemplates(catalogDir.resolve("site")), dir.resolve("scratch")).rebuild(definitions);
        assertThat(changed(edited, fileKeys(store, assets))).containsExactlyInAnyOrderElementsOf(assets);
    }

    private static java.util.Map<String, Object> fileKeys(LocalObjectStore store, java.util.List<String> keys) throws Exception {
        java.util.Map<String, Object> entries = new java.util.TreeMap<>();
        for (String key : keys) {
            entries.put(key, Files.readAttributes(store.root().resolve(key),
                    java.nio.file.attribute.BasicFileAttributes.class).fileKey());
        }
        return entries;
    }

    private static java.util.List<String> changed(java.util.Map<String, Object> before, java.util.Map<String, Object> after) {
        return before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList();
    }

    @Test
    void aDatasetWhoseDocumentsCannotBeWrittenStopsTheRebuildBeforeTheEntryPointsAndIsWrittenNextTime() throws Exception {
        Path catalog = dir.resolve("catalog");
        Files.createDirectories(catalog.resolve("datasets/city"));
        Files.writeString(catalog.resolve("catalog.yaml"),
                "title: t\ndescription: d\npublisher: p\ndepartments:\n  - id: city\n    name: 市民課\n");
        for (int i = 1; i <= 6; i++) {
            Files.writeString(catalog.resolve("datasets/city/table-" + i + ".yaml"), """
                    title: 表 %d
                    description: 件数
                    schema:
                      fields:
                        - {name: id, type: integer}
                    """.formatted(i));
        }
        Definitions definitions = new DefinitionLoader().load(catalog);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        for (var dataset : definitions.datasets()) {
            Fixtures.publish(definitions, dataset, store, dir.resolve("staging"), Instant.parse("2026-01-01T00:00:00Z"),
                    5, new Object[] {1L});
        }
        // a folder where table-4's feed is to go: the file cannot be renamed over it
        Path obstacle = Files.createDirectories(store.root().resolve("datasets/table-4/feed.atom/in-the-way"));
        CatalogBuilder builder = new CatalogBuilder(store, new SiteTemplates(Path.of("catalog/site")), dir.resolve("scratch"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.rebuild(definitions))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("feed.atom");
        // nothing a visitor or a harvester starts from was written: they cannot reach a dataset without its page
        assertThat(store.root().resolve("index.html")).doesNotExist();
        assertThat(store.root().resolve("catalog.ttl")).doesNotExist();
        assertThat(store.root().resolve("datasets/table-4/index.html")).doesNotExist();

        Files.delete(obstacle);
        Files.delete(obstacle.getParent());
        builder.rebuild(definitions);
        assertThat(store.root().resolve("datasets/table-4/feed.atom")).isRegularFile();
        assertThat(store.root().resolve("datasets/table-4/index.html")).isRegularFile();
        assertThat(Jsoup.parse(store.root().resolve("index.html").toFile(), "UTF-8").select("ul.datasets h2 a").eachText())
                .hasSize(6).contains("表 4");
        for (int i = 1; i <= 6; i++) {
            assertThat(store.root().resolve("api/3/action/package_show/table-" + i)).isRegularFile();
        }
    }

    private static java.util.List<String> advice(LocalObjectStore store) throws Exception {
        return Jsoup.parse(store.root().resolve("datasets/visits/index.html").toFile(), "UTF-8").select("ul.advice li").eachText();
    }
}
