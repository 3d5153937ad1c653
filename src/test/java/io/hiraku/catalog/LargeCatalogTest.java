package io.hiraku.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Fixtures;
import io.hiraku.OfficialSchemas;
import io.hiraku.SchemaOrgCheck;
import io.hiraku.publish.LocalObjectStore;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.RDF;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated catalog of 500 datasets in four departments, 50 to a DCAT page, published and built once: the
 * DCAT pages a harvester follows, every dataset document and page, and the JSON documents, each against its
 * official shapes or schema. (The time a full rebuild of a large catalog takes is in the README's
 * performance section, not asserted here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeCatalogTest {
    private static final int DATASETS = 500;
    private static final int PAGE_SIZE = 50;
    private static final String BASE = "https://data.example.test";
    private static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private static final String DCAT = "http://www.w3.org/ns/dcat#";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path store;

    @BeforeAll
    void publishFiveHundredDatasets(@TempDir Path dir) throws Exception {
        Path catalog = dir.resolve("catalog");
        StringBuilder yaml = new StringBuilder("title: {ja: 大きなカタログ, en: A large catalog}\n"
                + "description: 生成した 500 件のデータセット\npublisher: テスト市\nbaseUrl: " + BASE + "\n"
                + "pageSize: " + PAGE_SIZE + "\n"
                + "license: https://creativecommons.org/licenses/by/4.0/\n"
                + "contact: {name: オープンデータ担当, email: opendata@city.example}\ndepartments:\n");
        for (int d = 1; d <= 4; d++) {
            yaml.append("  - id: dept").append(d).append("\n    name: 第").append(d).append("課\n");
            Files.createDirectories(catalog.resolve("datasets/dept" + d));
        }
        Files.createDirectories(catalog);
        Files.writeString(catalog.resolve("catalog.yaml"), yaml);
        for (int i = 1; i <= DATASETS; i++) {
            Files.writeString(catalog.resolve("datasets/dept" + (i % 4 + 1) + "/ds-" + i + ".yaml"), """
                    title: {ja: "統計表 %1$d", en: "Statistics table %1$d"}
                    description: 生成したデータセット %1$d 番。地区ごとの件数を毎月集計したもの。
                    keywords: {ja: [統計, 地区], en: [statistics]}
                    themes: [SOCI]
                    updateFrequency: monthly
                    schema:
                      primaryKey: [area]
                      fields:
                        - {name: area, title: 地区, type: string}
                        - {name: count, title: 件数, type: integer}
                    """.formatted(i));
        }
        Definitions definitions = new DefinitionLoader().load(catalog);
        store = dir.resolve("store");
        LocalObjectStore objects = new LocalObjectStore(store);
        Instant created = Instant.parse("2026-04-01T00:00:00Z");
        // four at a time, as distributed mode's workers would: each is mostly waiting for forced writes
        java.util.concurrent.ForkJoinPool publishers = new java.util.concurrent.ForkJoinPool(4);
        try {
            publishers.submit(() -> definitions.datasets().parallelStream().forEach(def -> {
                try {
                    Fixtures.publish(definitions, def, objects, dir.resolve("staging"), created, 20,
                            new Object[] {"北", 3L}, new Object[] {"南", 5L});
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).get();
        } finally {
            publishers.shutdown();
        }
        new CatalogBuilder(objects, new SiteTemplates(Path.of("catalog/site")), dir.resolve("scratch")).rebuild(definitions);
    }

    @Test
    void harvestersFollowHydraPagesToEveryDatasetExactlyOnce() {
        for (DcatCatalog.Syntax syntax : DcatCatalog.Syntax.values()) {
            Map<String, Integer> seen = new HashMap<>();
            String next = BASE + "/" + DcatCatalog.pageKey(1, syntax);
            int pages = 0;
            while (next != null) {
                Model page = RDFDataMgr.loadModel(store.resolve(next.substring(BASE.length() + 1)).toString());
                pages++;
                page.listObjectsOfProperty(page.createResource(BASE + "/catalog"), page.createProperty(DCAT, "dataset"))
                        .forEach(n -> seen.merge(n.asResource().getURI(), 1, Integer::sum));
                assertThat(page.listSubjectsWithProperty(RDF.type, page.createResource(HYDRA + "PartialCollectionView"))
                        .toList()).extracting(r -> r.getURI()).containsExactly(next);
                List<RDFNode> nextPage = page.listObjectsOfProperty(page.createResource(next), page.createProperty(HYDRA, "next"))
                        .toList();
                next = nextPage.isEmpty() ? null : nextPage.get(0).asResource().getURI();
            }
            assertThat(pages).as(syntax.name()).isEqualTo(10);
            assertThat(seen).as(syntax.name()).hasSize(DATASETS);
            assertThat(seen.values()).as(syntax.name()).allMatch(count -> count == 1);
        }
        assertThat(store.resolve("catalog-11.ttl")).doesNotExist();
    }

    @Test
    void everyCatalogPageAndDatasetDocumentPassesDcatAp() {
        for (int page = 1; page <= 10; page++) {
            Model turtle = RDFDataMgr.loadModel(store.resolve(DcatCatalog.pageKey(page, DcatCatalog.Syntax.TURTLE)).toString());
            assertThat(DcatGate.check(turtle)).as("page " + page).isEmpty();
            // the three syntaxes hold the same graph, apart from the paging links, which stay within a syntax
            Model rdfXml = RDFDataMgr.loadModel(store.resolve(DcatCatalog.pageKey(page, DcatCatalog.Syntax.RDF_XML)).toString());
            Model jsonLd = RDFDataMgr.loadModel(store.resolve(DcatCatalog.pageKey(page, DcatCatalog.Syntax.JSON_LD)).toString());
            assertThat(withoutPaging(rdfXml).isIsomorphicWith(withoutPaging(turtle))).as("RDF/XML page " + page).isTrue();
            assertThat(withoutPaging(jsonLd).isIsomorphicWith(withoutPaging(turtle))).as("JSON-LD page " + page).isTrue();
        }
        for (int i = 1; i <= DATASETS; i++) {
            Model dataset = RDFDataMgr.loadModel(store.resolve("datasets/ds-" + i + "/dataset.ttl").toString());
            assertThat(dataset.size()).isGreaterThan(50);
            assertThat(DcatGate.check(dataset)).as("ds-" + i).isEmpty();
        }
    }

    @Test
    void everyDatasetPageMeetsGooglesRequiredItems() throws Exception {
        for (int i = 1; i <= DATASETS; i++) {
            Model schemaOrg = SchemaOrgCheck.graph(Jsoup.parse(store.resolve("datasets/ds-" + i + "/index.html").toFile(), "UTF-8"));
            assertThat(SchemaOrgCheck.count(schemaOrg, "Dataset")).isEqualTo(1);
            assertThat(SchemaOrgCheck.googleRequiredViolations(schemaOrg)).as("ds-" + i).isEmpty();
        }
    }

    @Test
    void theJsonDocumentsAreValidAgainstTheirSchemas() throws Exception {
        JsonNode search = JSON.readTree(store.resolve("api/3/action/package_search").toFile());
        assertThat(search.path("result").path("count").asInt()).isEqualTo(DATASETS);
        assertThat(OfficialSchemas.CKAN.errors("package_search", search)).isEmpty();
        JsonNode list = JSON.readTree(store.resolve("api/3/action/package_list").toFile());
        assertThat(list.path("result")).hasSize(DATASETS);
        assertThat(OfficialSchemas.CKAN.errors("package_list", list)).isEmpty();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= DATASETS; i++) {
            JsonNode show = JSON.readTree(store.resolve("api/3/action/package_show/ds-" + i).toFile());
            assertThat(OfficialSchemas.CKAN.errors("package_show", show)).as("ds-" + i).isEmpty();
            ids.add(show.path("result").path("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates();
        JsonNode dataJson = JSON.readTree(store.resolve("data.json").toFile());
        assertThat(dataJson.path("dataset")).hasSize(DATASETS);
        assertThat(OfficialSchemas.DCAT_US.errors("catalog", dataJson)).isEmpty();
    }

    private static Model withoutPaging(Model page) {
        Model copy = ModelFactory.createDefaultModel().add(page);
        copy.listSubjectsWithProperty(RDF.type, copy.createResource(HYDRA + "PartialCollectionView")).toList()
                .forEach(view -> copy.removeAll(view, null, null));
        return copy;
    }
}
