package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dataset's definition decides, through the command line as an operator runs it: built-in
 * standard templates, the error policy, and schema drift.
 */
class DatasetRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The schema of the small two-column datasets of several cases. */
    private static final String ID_COUNT_FIELDS =
            "schema:\n  fields:\n    - {name: id, type: integer}\n    - {name: count, type: integer}\n";

    @TempDir
    Path dir;

    @Test
    void standardLayoutFilesValidateAgainstTheBuiltInTemplates() throws Exception {
        catalog("yaizu", "aed.yaml", "title: AED\ntemplate: aed\nsource: {files: [\"222127_aed.csv\"]}\n");
        catalog("yaizu", "public-toilet.yaml", "title: 公衆トイレ\ntemplate: public-toilet\n"
                + "source: {files: [\"222127_public_toilet.csv\"]}\n");
        catalog("yaizu", "evacuation-sites.yaml", "title: 指定緊急避難場所\ntemplate: evacuation-sites\n"
                + "source: {files: [\"222127_evacuation_space.csv\"]}\n");
        drop("yaizu", Corpus.file("yaizu__222127_aed.csv"), "222127_aed.csv");
        drop("yaizu", Corpus.file("yaizu__222127_public_toilet.csv"), "222127_public_toilet.csv");
        drop("yaizu", Corpus.file("yaizu__222127_evacuation_space.csv"), "222127_evacuation_space.csv");

        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(receipt("yaizu", "222127_aed.csv").path("outcome").asText()).isEqualTo("published");
        assertThat(receipt("yaizu", "222127_public_toilet.csv").path("outcome").asText()).isEqualTo("published");
        // the published CSV keeps the standard's Japanese column names
        assertThat(Files.readAllLines(dir.resolve("store/datasets/public-toilet/public-toilet.csv"),
                StandardCharsets.UTF_8).get(0)).startsWith("全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ");

        JsonNode evacuation = receipt("yaizu", "222127_evacuation_space.csv");
        assertThat(evacuation.path("outcome").asText()).isEqualTo("rejected");
        List<String> deviating = new java.util.ArrayList<>();
        evacuation.path("report").path("errorsByColumn").forEach(c -> deviating.add(c.path("column").asText()));
        assertThat(deviating).containsExactly("災害種別_地震", "災害種別_津波", "災害種別_崖崩れ、土石流及び地滑り", "指定避難所との重複");
        JsonNode earthquake = evacuation.path("report").path("errorsByColumn").get(0);
        assertThat(earthquake.path("count").asLong()).isEqualTo(26);
        assertThat(earthquake.path("examples").get(0).path("cell").asText()).isEqualTo("○");
        assertThat(earthquake.path("examples").get(0).path("messageJa").asText()).contains("[1]");
        String page = Files.readString(receiptPath("yaizu", "222127_evacuation_space.csv", ".html"));
        assertThat(page).contains("災害種別_地震", "26 件", "○");
    }

    @Test
    void aDatasetCanPublishItsValidRowsWithinALimit() throws Exception {
        catalog("city", "counts.yaml", """
                title: 件数
                description: テスト用のデータセット
                errorPolicy: {onError: publish-valid-rows, maxInvalidShare: 0.2}
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: count, type: integer}
                """);
        StringBuilder few = new StringBuilder("id,count\n");
        for (int i = 1; i <= 10; i++) {
            few.append(i).append(',').append(i == 4 ? "多数" : String.valueOf(i * 10)).append('\n');
        }
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/city")).resolve("counts.csv"), few);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        JsonNode receipt = receipt("city", "counts.csv");
        assertThat(receipt.path("outcome").asText()).isEqualTo("published");
        assertThat(receipt.path("messageEn").asText()).contains("1 row(s) with problems were left out");
        assertThat(receipt.path("report").path("errors").get(0).path("line").asLong()).isEqualTo(5);
        assertThat(Files.readAllLines(dir.resolve("store/datasets/counts/counts.csv"))).hasSize(10)
                .doesNotContain("4,多数");

        StringBuilder many = new StringBuilder("id,count\n");
        for (int i = 1; i <= 10; i++) {
            many.append(i).append(',').append(i % 3 == 0 ? "多数" : "1").append('\n');
        }
        Files.writeString(dir.resolve("work/ingest/city/counts.csv"), many);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(Files.readAllLines(dir.resolve("store/datasets/counts/counts.csv"))).hasSize(10);
    }

    @Test
    void reorderedOrRenamedColumnsAreDriftWithTheDifferenceAndAProposal() throws Exception {
        catalog("city", "facilities.yaml", """
                title: 施設
                description: テスト用のデータセット
                spatial: "012025"  # 北海道函館市: a code with a leading zero must stay one
                schema:
                  primaryKey: [id]
                  fields:
                    - {name: id, title: ID, type: integer}
                    - {name: name, title: 名称, type: string}
                    - {name: capacity, title: 定員, type: integer}
                """);
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/city")).resolve("facilities.csv"),
                "ID,定員,名称\n1,30,中央\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode receipt = receipt("city", "facilities.csv");
        JsonNode drift = receipt.path("report").path("errors").get(0);
        assertThat(drift.path("type").asText()).isEqualTo("schema-drift-order");
        assertThat(drift.path("messageEn").asText()).contains("Definition: 名称, 定員", "file: 定員, 名称");
        // the definition itself, its fields in the file's order, not a blank one inferred from the file
        JsonNode proposal = receipt.path("proposedDefinition");
        assertThat(proposal.path("update").asBoolean()).isTrue();
        assertThat(proposal.path("path").asText()).endsWith("facilities.yaml");
        assertThat(proposal.path("yaml").asText()).containsSubsequence("title: ID", "name: capacity", "title: 定員",
                "name: name", "title: 名称").contains("title: 施設", "description: テスト用のデータセット")
                .contains("its fields in the file's order").doesNotContain("name: column", "（データセットの名前）");

        // a heading changed and a column added: the field keeps its name with the new heading, the new one is inferred
        Files.writeString(dir.resolve("work/ingest/city/facilities.csv"), "ID,名前,定員,開設年\n1,中央,30,1998\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode renamed = receipt("city", "facilities.csv").path("proposedDefinition");
        assertThat(renamed.path("yaml").asText()).contains("renamed 名称 → 名前", "added 開設年")
                .containsSubsequence("name: id", "name: name", "title: 名前", "name: capacity", "title: 開設年",
                        "type: integer")
                .contains("title: 施設");
        String html = Files.readString(receiptPath("city", "facilities.csv", ".html"));
        assertThat(html).contains("If the change of columns is a mistake, fix the file's headings");

        // the team takes the proposal as it is: the same file is then published, the code still 012025
        Files.writeString(dir.resolve("catalog/datasets/city/facilities.yaml"), renamed.path("yaml").asText());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(renamed.path("yaml").asText()).path("spatial").asText()).isEqualTo("012025");
        Files.writeString(dir.resolve("work/ingest/city/facilities.csv"), "ID,名前,定員,開設年\n1,中央,30,1998\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dir.resolve("store/datasets/facilities/facilities.csv"))).startsWith("id,name,capacity,");
    }

    @Test
    void aForeignKeyIsCheckedAgainstThePublishedDataset() throws Exception {
        catalog("city", "areas.yaml", """
                title: 地区コード
                description: テスト用のデータセット
                schema:
                  primaryKey: code
                  fields:
                    - {name: code, type: string}
                    - {name: name, type: string}
                """);
        catalog("city", "branches.yaml", """
                title: 支所
                description: テスト用のデータセット
                schema:
                  foreignKeys:
                    - {fields: area, reference: {resource: areas, fields: code}}
                  fields:
                    - {name: area, type: string}
                    - {name: name, type: string}
                """);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/city"));
        Files.writeString(drop.resolve("branches.csv"), "area,name\nA01,本所\n");
        assertThat(publishOnce()).as("the code list is not published yet").isEqualTo(HirakuCommand.REJECTED);
        assertThat(receipt("city", "branches.csv").path("report").path("errors").get(0).path("type").asText())
                .isEqualTo("foreign-key-reference");

        Files.writeString(drop.resolve("areas.csv"), "code,name\nA01,中央\nA02,東部\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        Files.writeString(drop.resolve("branches.csv"), "area,name\nA01,本所\nA03,西\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode error = receipt("city", "branches.csv").path("report").path("errors").get(0);
        assertThat(error.path("type").asText()).isEqualTo("foreign-key");
        assertThat(error.path("line").asLong()).isEqualTo(3);
        Files.writeString(drop.resolve("branches.csv"), "area,name\nA01,本所\nA02,東\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
    }

    @Test
    void olderReleasesArePrunedButNeverTheLatest() throws Exception {
        catalog("city", "counts.yaml", "title: 件数\ndescription: 件数の表\nschema:\n  primaryKey: id\n  fields:\n    - {name: id, type: integer}\n"
                + "    - {name: count, type: integer}\n");
        Path drop = Files.createDirectories(dir.resolve("work/ingest/city"));
        for (int version = 1; version <= 3; version++) {
            Files.writeString(drop.resolve("counts.csv"), "id,count\n1," + version + "\n");
            assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        }
        JsonNode history = JSON.readTree(dir.resolve("store/datasets/counts/releases.json").toFile());
        assertThat(history).hasSize(3);
        String newest = history.get(0).path("release").asText();
        String oldest = history.get(2).path("release").asText();
        assertThat(dir.resolve("store/datasets/counts/releases/" + oldest + "/counts.csv")).exists();

        int exit = HirakuCommand.execute("prune", "--keep", "2", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
        assertThat(exit).isEqualTo(HirakuCommand.OK);
        assertThat(dir.resolve("store/datasets/counts/releases/" + oldest + "/counts.csv")).doesNotExist();
        assertThat(dir.resolve("store/datasets/counts/releases/" + newest + "/counts.csv")).exists();
        assertThat(JSON.readTree(dir.resolve("store/datasets/counts/releases.json").toFile())).hasSize(2);
        assertThat(Files.readString(dir.resolve("store/catalog.ttl"))).doesNotContain(oldest).contains(newest);
        assertThat(Files.readAllLines(dir.resolve("store/datasets/counts/counts.csv"))).containsExactly("id,count", "1,3");

        HirakuCommand.execute("prune", "--keep", "0", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
        assertThat(JSON.readTree(dir.resolve("store/datasets/counts/releases.json").toFile())).hasSize(1);
        assertThat(dir.resolve("store/datasets/counts/releases/" + newest + "/counts.csv")).exists();
    }

    @Test
    void aBrokenDefinitionStopsOnlyItsDatasetAndNeverTakesAPublishedOneOutOfTheCatalog() throws Exception {
        catalog("city", "visits.yaml", "title: 来庁者数\ndescription: 来庁者数の表\n" + ID_COUNT_FIELDS);
        catalog("city", "counts.yaml", "title: 件数\ndescription: 件数の表\n" + ID_COUNT_FIELDS);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/city"));
        Files.writeString(drop.resolve("visits.csv"), "id,count\n1,20\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dir.resolve("store/index.html"))).contains("来庁者数");

        // a typo in the published dataset's definition: its drops are refused, the other dataset publishes
        Path visits = dir.resolve("catalog/datasets/city/visits.yaml");
        Files.writeString(visits, Files.readString(visits).replace("description:", "descripton:"));
        Files.writeString(drop.resolve("counts.csv"), "id,count\n1,10\n");
        Files.writeString(drop.resolve("visits.csv"), "id,count\n1,30\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode counts = receipt("city", "counts.csv");
        assertThat(counts.path("outcome").asText()).isEqualTo("published");
        // the department is told why the catalog pages do not show it yet
        assertThat(counts.path("messageEn").asText()).contains("catalog pages are updated once", "visits.yaml");
        JsonNode refused = receipt("city", "visits.csv");
        assertThat(refused.path("outcome").asText()).isEqualTo("rejected");
        assertThat(refused.path("messageEn").asText()).contains("definition", "visits.yaml", "descripton");
        assertThat(dir.resolve("store/datasets/counts/counts.csv")).exists();
        // the catalog was left as it was rather than rebuilt without the published dataset
        assertThat(Files.readString(dir.resolve("store/index.html"))).contains("来庁者数");

        // fixed: the next start rebuilds the catalog with both
        Files.writeString(visits, Files.readString(visits).replace("descripton:", "description:"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dir.resolve("store/index.html"))).contains("来庁者数", "件数");
    }

    @Test
    void metadataThatFailsDcatApIsRefusedAtTheGateWhileTheRestPublishes() throws Exception {
        catalog("city", "counts.yaml", "title: 件数\ndescription: 件数の表\n" + ID_COUNT_FIELDS);
        catalog("city", "visits.yaml", "title: 来庁者数\ndescription: 来庁者数の表\nlicense: CC BY 4.0\n" + ID_COUNT_FIELDS);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/city"));
        Files.writeString(drop.resolve("counts.csv"), "id,count\n1,10\n");
        Files.writeString(drop.resolve("visits.csv"), "id,count\n1,20\n");

        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(receipt("city", "counts.csv").path("outcome").asText()).isEqualTo("published");
        JsonNode refused = receipt("city", "visits.csv");
        assertThat(refused.path("outcome").asText()).isEqualTo("rejected");
        JsonNode error = refused.path("report").path("errors").get(0);
        assertThat(error.path("type").asText()).isEqualTo("metadata-dcat-ap");
        assertThat(error.path("messageEn").asText()).contains("license", "visits.yaml");
        assertThat(dir.resolve("store/datasets/visits")).doesNotExist();
        assertThat(Files.readString(dir.resolve("store/catalog.ttl"))).contains("/datasets/counts")
                .doesNotContain("/datasets/visits");
    }

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }

    private void catalog(String department, String file, String yaml) throws Exception {
        Path datasets = Files.createDirectories(dir.resolve("catalog/datasets").resolve(department));
        Path catalog = dir.resolve("catalog/catalog.yaml");
        if (!Files.exists(catalog)) {
            Files.writeString(catalog, "title: t\ndescription: d\npublisher: p\ndepartments:\n  - id: " + department + "\n");
        }
        Files.writeString(datasets.resolve(file), yaml);
    }

    private void drop(String department, Path source, String name) throws Exception {
        Files.copy(source, Files.createDirectories(dir.resolve("work/ingest").resolve(department)).resolve(name));
    }

    private JsonNode receipt(String department, String file) throws Exception {
        return JSON.readTree(receiptPath(department, file, ".json").toFile());
    }

    /** The newest receipt of a file. */
    private Path receiptPath(String department, String file, String suffix) throws Exception {
        try (Stream<Path> receipts = Files.list(dir.resolve("work/ingest").resolve(department).resolve("_receipts"))) {
            return receipts.filter(p -> p.getFileName().toString().startsWith(file + ".") && p.toString().endsWith(suffix))
                    .max(java.util.Comparator.comparing(Path::toString)).orElseThrow();
        }
    }
}
