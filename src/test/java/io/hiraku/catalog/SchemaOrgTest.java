package io.hiraku.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google reads a Dataset's description only if it has 50 to 5000 characters. */
class SchemaOrgTest {
    @TempDir
    Path dir;

    @Test
    void aShortDescriptionIsCompletedWithWhatTheDatasetHolds() throws Exception {
        SchemaOrg schemaOrg = schemaOrg("toilets", "description: 公衆トイレ\n");
        String description = schemaOrg.description(published("toilets"));
        assertThat(description).isEqualTo("公衆トイレ。市民課が「焼津市オープンデータ」で公開する「公衆トイレ一覧」のデータ（42 件）。項目: 名称、便器数。形式: CSV。");
        assertThat(description.codePointCount(0, description.length())).isGreaterThanOrEqualTo(SchemaOrg.MIN_DESCRIPTION);
    }

    @Test
    void aLongDescriptionIsCutAt5000CharactersWithoutSplittingACharacter() throws Exception {
        String long𠮷 = "𠮷".repeat(6000);
        SchemaOrg schemaOrg = schemaOrg("toilets", "description: " + long𠮷 + "\n");
        String description = schemaOrg.description(published("toilets"));
        assertThat(description.codePointCount(0, description.length())).isEqualTo(SchemaOrg.MAX_DESCRIPTION);
        assertThat(description).endsWith("𠮷…");
    }

    private Definitions definitions;

    private SchemaOrg schemaOrg(String id, String descriptionYaml) throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("catalog/datasets/city"));
        Files.writeString(dir.resolve("catalog/catalog.yaml"), "title: 焼津市オープンデータ\ndescription: 焼津市のデータ\npublisher: 焼津市\ndepartments:\n  - id: city\n    name: 市民課\n");
        Files.writeString(catalog.resolve(id + ".yaml"), "title: 公衆トイレ一覧\n" + descriptionYaml + """
                schema:
                  fields:
                    - {name: name, title: 名称, type: string}
                    - {name: toilets, title: 便器数, type: integer}
                """);
        definitions = new DefinitionLoader().load(dir.resolve("catalog"));
        return new SchemaOrg(definitions.catalog());
    }

    private PublishedDataset published(String id) {
        return new PublishedDataset(definitions.dataset(id).orElseThrow(), "20260101T000000Z",
                Instant.parse("2026-01-01T00:00:00Z"), 42, id + ".csv", "00", null,
                List.of(new PublishedDataset.Distribution(id + ".csv", "csv", "text/csv", 1200, "00")), List.of(), null);
    }
}
