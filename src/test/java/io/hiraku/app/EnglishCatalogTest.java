package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A government that writes its catalog in English only (`languages: [en]`) writes plain texts and plain keyword
 * lists, as it would anywhere: they are taken as English, and the metadata says so (the texts tagged @en in DCAT,
 * data.json's language, schema.org's description in English), not as Japanese, the default when no language is
 * listed.
 */
class EnglishCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void plainTextsAndKeywordsAreInTheCatalogsFirstLanguage() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"), """
                title: Riverside open data
                description: Open data of the City of Riverside.
                publisher: City of Riverside
                baseUrl: https://data.riverside.example
                languages: [en]
                timeZone: America/Chicago
                license: https://creativecommons.org/licenses/by/4.0/
                contact:
                  name: Open data team
                  email: opendata@riverside.example
                departments:
                  - id: parks
                    name: Parks and Recreation
                """);
        Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/parks")).resolve("parks.yaml"), """
                title: City parks
                description: Parks of the city.
                keywords: [parks, recreation]
                themes: [ENVI]
                updateFrequency: annual
                schema:
                  primaryKey: [id]
                  fields:
                    - {name: id, type: integer}
                    - {name: name, title: Park name, type: string}
                    - {name: area, title: Area (ha), type: number}
                """);
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/parks")).resolve("parks.csv"),
                "id,Park name,Area (ha)\n1,Riverside Park,12.5\n2,\"Oak Grove, North\",3.2\n");
        assertThat(HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString())).isEqualTo(HirakuCommand.OK);

        String catalog = Files.readString(dir.resolve("store/catalog.ttl"));
        assertThat(catalog).contains("\"City parks\"@en", "\"City parks (CSV)\"@en", "\"Riverside open data\"@en",
                "\"Parks of the city.\"@en", "\"parks\"@en", "\"recreation\"@en", "\"Parks and Recreation\"@en")
                .doesNotContain("\"City parks\"@ja", "\"City parks (CSV)\"@ja", "\"Riverside open data\"@ja", "\"parks\"@ja");
        JsonNode dataJson = JSON.readTree(dir.resolve("store/data.json").toFile());
        assertThat(dataJson.path("dataset").get(0).path("language").get(0).asText()).isEqualTo("en");
        assertThat(dataJson.path("dataset").get(0).path("keyword").toString()).contains("parks", "recreation");
        String page = Files.readString(dir.resolve("store/datasets/parks/index.html"));
        JsonNode schemaOrg = JSON.readTree(org.jsoup.Jsoup.parse(page).selectFirst("script[type=application/ld+json]").data());
        assertThat(schemaOrg.path("description").asText()).contains("published by Parks and Recreation", "Columns: ")
                .doesNotContain("のデータ", "項目");
        assertThat(schemaOrg.path("inLanguage").asText()).isEqualTo("en");
    }

    /**
     * A catalog in English first and Japanese too: the formats that carry one language (CKAN's JSON, data.json, the
     * feeds) carry the first, whichever texts the definitions give.
     */
    @Test
    void formatsOfOneLanguageCarryTheFirst() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"), """
                title: {en: Riverside open data, ja: リバーサイド オープンデータ}
                description: {en: Open data of the City of Riverside., ja: リバーサイド市のオープンデータ。}
                publisher: {en: City of Riverside, ja: リバーサイド市}
                baseUrl: https://data.riverside.example
                languages: [en, ja]
                license: https://creativecommons.org/licenses/by/4.0/
                contact: {name: Open data team, email: opendata@riverside.example}
                departments:
                  - id: parks
                    name: {en: Parks and Recreation, ja: 公園課}
                """);
        Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/parks")).resolve("parks.yaml"), """
                title: {en: City parks, ja: 市の公園}
                description: {en: Parks of the city., ja: 市内の公園。}
                keywords: {en: [parks], ja: [公園]}
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: name, type: string}
                """);
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/parks")).resolve("parks.csv"),
                "id,name\n1,Riverside Park\n");
        assertThat(HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString())).isEqualTo(HirakuCommand.OK);
        JsonNode ckan = JSON.readTree(dir.resolve("store/api/3/action/package_show/parks").toFile()).path("result");
        assertThat(ckan.path("title").asText()).isEqualTo("City parks");
        JsonNode dataJson = JSON.readTree(dir.resolve("store/data.json").toFile()).path("dataset").get(0);
        assertThat(dataJson.path("title").asText()).isEqualTo("City parks");
        assertThat(dataJson.path("publisher").path("name").asText()).isEqualTo("Parks and Recreation");
        assertThat(Files.readString(dir.resolve("store/feeds/all.atom"))).contains("<title>Riverside open data</title>");
    }
}
