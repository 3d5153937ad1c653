package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Corpus;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department defines its own dataset by dropping {@code <dataset-id>.yaml} into its folder: the
 * proposed definition of its receipt, filled in, with the data file beside it. Through the command line
 * as the pipeline runs, on a real corpus file.
 */
class DefinitionDropsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSPITALS = "takamatsu__hospital_data.csv";

    @TempDir
    Path dir;

    @Test
    void theProposedDefinitionDroppedBackWithItsFilePublishesIt() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.copy(Corpus.file(HOSPITALS), drop.resolve("hospitals.csv"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode refused = receipt("health", "hospitals.csv");
        assertThat(refused.path("proposedDefinition").path("path").asText()).isEqualTo("catalog/datasets/health/hospitals.yaml");
        String proposed = refused.path("proposedDefinition").path("yaml").asText();
        assertThat(Files.readString(receiptPath("health", "hospitals.csv", ".html")))
                .contains("<code>hospitals.yaml</code> という名前でこのフォルダに置いてください");

        // dropped back as it came, it is refused: its title and description are still to be written
        Files.writeString(drop.resolve("hospitals.yaml"), proposed, StandardCharsets.UTF_8);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(receipt("health", "hospitals.yaml").path("messageEn").asText())
                .contains("still says '（データセットの名前）'");
        assertThat(dir.resolve("catalog/datasets/health/hospitals.yaml")).doesNotExist();

        // the department fills in the title and description and drops both again, the data file written first
        Files.writeString(drop.resolve("hospitals.yaml"), proposed.replace("（データセットの名前）", "病院一覧")
                .replace("(dataset title)", "Hospitals").replace("（内容の説明）", "高松市内の病院の所在地と診療科目。"),
                StandardCharsets.UTF_8);
        Files.copy(Corpus.file(HOSPITALS), drop.resolve("hospitals.csv"));
        Files.setLastModifiedTime(drop.resolve("hospitals.csv"), FileTime.from(Instant.now().minusSeconds(120)));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);

        JsonNode defined = receipt("health", "hospitals.yaml");
        assertThat(defined.path("outcome").asText()).isEqualTo("defined");
        assertThat(defined.path("messageEn").asText()).contains("'hospitals' was saved", "hospitals.csv");
        assertThat(Files.readString(dir.resolve("catalog/datasets/health/hospitals.yaml"))).contains("ja: 病院一覧");
        assertThat(receipt("health", "hospitals.csv").path("outcome").asText()).isEqualTo("published");
        assertThat(Files.readString(dir.resolve("store/datasets/hospitals/index.html"))).contains("病院一覧");
        assertThat(Files.readString(receiptPath("health", "hospitals.yaml", ".html"))).contains("データセット定義を保存しました");
        // the definition file itself is archived like every drop, and leaves the folder
        assertThat(drop.resolve("hospitals.yaml")).doesNotExist();
    }

    @Test
    void aSecondFileWhoseNameGivesNoIdIsProposedUnderAnIdOfItsOwn() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.copy(Corpus.file("yaizu__ビーチクリーン大作戦会場.csv"), drop.resolve("ビーチクリーン大作戦会場.csv"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode first = receipt("health", "ビーチクリーン大作戦会場.csv").path("proposedDefinition");
        assertThat(first.path("path").asText()).isEqualTo("catalog/datasets/health/new-dataset.yaml");
        Files.writeString(drop.resolve("new-dataset.yaml"), first.path("yaml").asText()
                .replace("（データセットの名前）", "ビーチクリーン会場").replace("(dataset title)", "Beach clean-up sites")
                .replace("（内容の説明）", "ビーチクリーン大作戦の会場。"));
        Files.copy(Corpus.file("yaizu__ビーチクリーン大作戦会場.csv"), drop.resolve("ビーチクリーン大作戦会場.csv"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);

        // another Japanese name: dropping its proposal back must not replace the first dataset's definition
        Files.copy(Corpus.file("yaizu__焼津海の幸グルメマップ_サクラエビ.csv"), drop.resolve("サクラエビ.csv"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(receipt("health", "サクラエビ.csv").path("proposedDefinition").path("path").asText())
                .isEqualTo("catalog/datasets/health/new-dataset-2.yaml");
    }

    @Test
    void aFrictionlessDataPackageDefinesADatasetPerTableAndItsFilesPublish() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        // as `frictionless describe` writes it (v1), with properties Hiraku has no use for
        String dataPackage = """
                {"name": "health-data", "title": "保健のデータ", "description": "保健所の窓口のデータ",
                 "keywords": ["保健", "窓口"], "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
                 "resources": [
                  {"name": "clinic_hours", "path": "data/clinic_hours.csv", "profile": "tabular-data-resource",
                   "scheme": "file", "format": "csv", "encoding": "utf-8", "title": "診療時間",
                   "schema": {"fields": [
                     {"name": "id", "type": "integer", "example": 1, "constraints": {"required": true, "unique": true}},
                     {"name": "clinic", "type": "string", "rdfType": "http://schema.org/name"},
                     {"name": "opens", "type": "time", "format": "default"}],
                    "primaryKey": ["id"]}},
                  {"name": "readme", "path": "README.md"}]}
                """;
        Files.writeString(drop.resolve("datapackage.json"), dataPackage);
        Files.writeString(drop.resolve("clinic_hours.csv"), "id,clinic,opens\n1,中央,09:00\n2,東,08:30\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);

        assertThat(receipt("health", "datapackage.json").path("outcome").asText()).isEqualTo("defined");
        String saved = Files.readString(dir.resolve("catalog/datasets/health/clinic-hours.yaml"));
        assertThat(saved).contains("title: 診療時間", "保健所の窓口のデータ", "clinic_hours.csv",
                "https://creativecommons.org/licenses/by/4.0/").doesNotContain("example", "rdfType");
        assertThat(receipt("health", "clinic_hours.csv").path("outcome").asText()).isEqualTo("published");
        JsonNode published = JSON.readTree(dir.resolve("store/datasets/clinic-hours/clinic-hours.json").toFile());
        assertThat(published.get(1).path("opens").asText()).isEqualTo("08:30:00");
        assertThat(published.get(0).path("id").asInt()).isEqualTo(1);

        // a package whose table has no title or description anywhere is refused, saying what to add
        Files.writeString(drop.resolve("datapackage.json"), """
                {"resources": [{"name": "visits", "path": "visits.csv",
                  "schema": {"fields": [{"name": "n", "type": "integer"}]}}]}
                """);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(receipt("health", "datapackage.json").path("messageEn").asText()).contains("give the dataset a title");
        assertThat(dir.resolve("catalog/datasets/health/visits.yaml")).doesNotExist();
    }

    @Test
    void aDataPackagesDialectSaysWhereTheTableIsAndHowItsRowsAreWritten() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        // v2: semicolons, a title row above a header of two rows (joined with a space, the spec's default), a comment
        // row among the data, "NA" for no value; frictionless-py 5: a tab-separated file without a header
        Files.writeString(drop.resolve("datapackage.json"), """
                {"title": "保健所のデータ", "description": "保健所の窓口の来所者数",
                 "resources": [
                  {"name": "clinic_visits", "path": "clinic_visits.csv",
                   "dialect": {"delimiter": ";", "headerRows": [2, 3], "commentRows": [6], "nullSequence": "NA",
                               "lineTerminator": "\\r\\n"},
                   "schema": {"fields": [{"name": "window", "title": "窓口", "type": "string"},
                     {"name": "male", "title": "来所者 男", "type": "integer"},
                     {"name": "female", "title": "来所者 女", "type": "integer"}]}},
                  {"name": "window_counts", "path": "window_counts.txt",
                   "dialect": {"header": false, "csv": {"delimiter": "\\t"}},
                   "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "window", "type": "string"},
                     {"name": "count", "type": "integer"}], "primaryKey": ["id"]}}]}
                """);
        Files.writeString(drop.resolve("clinic_visits.csv"), "保健所の来所者数（令和6年度）\r\n窓口;来所者;来所者\r\n;男;女\r\n"
                + "中央;12;10\r\n東;NA;4\r\n# 西は集計中\r\n南;3;2\r\n");
        Files.writeString(drop.resolve("window_counts.txt"), "1\t中央\t12\n2\t東\t7\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("health", "datapackage.json").path("outcome").asText()).isEqualTo("defined");
        assertThat(receipt("health", "clinic_visits.csv").path("outcome").asText()).isEqualTo("published");
        JsonNode visits = JSON.readTree(dir.resolve("store/datasets/clinic-visits/clinic-visits.json").toFile());
        assertThat(visits).hasSize(3);
        assertThat(visits.get(0).toString()).isEqualTo("{\"window\":\"中央\",\"male\":12,\"female\":10}");
        assertThat(visits.get(1).path("male").isNull()).isTrue();
        assertThat(visits.get(2).path("window").asText()).isEqualTo("南");
        assertThat(receipt("health", "window_counts.txt").path("outcome").asText()).isEqualTo("published");
        JsonNode counts = JSON.readTree(dir.resolve("store/datasets/window-counts/window-counts.json").toFile());
        assertThat(counts.toString()).isEqualTo("[{\"id\":1,\"window\":\"中央\",\"count\":12},"
                + "{\"id\":2,\"window\":\"東\",\"count\":7}]");

        // what cannot be read as the dialect says, or a schema given by reference, is refused, naming it
        for (String resource : List.of(
                "{\"name\": \"visits\", \"path\": \"visits.csv\", \"dialect\": {\"quoteChar\": \"'\"}, \"schema\": {\"fields\": [{\"name\": \"n\"}]}}",
                "{\"name\": \"visits\", \"path\": \"visits.csv\", \"schema\": \"schemas/visits.json\"}")) {
            Files.writeString(drop.resolve("datapackage.json"), "{\"title\": \"t\", \"description\": \"d\", \"resources\": ["
                    + resource + "]}");
            assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
            assertThat(receipt("health", "datapackage.json").path("messageEn").asText())
                    .contains("resource 'visits'", resource.contains("quoteChar") ? "quoteChar ''' is not read here"
                            : "gives its Table Schema as a reference (\"schemas/visits.json\")");
            assertThat(dir.resolve("catalog/datasets/health/visits.yaml")).doesNotExist();
        }
    }

    @Test
    void anUpdateKeepsThePreviousDefinitionAndTheSameOneAgainChangesNothing() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        // written in Shift_JIS by a Windows editor: read as such, saved as UTF-8
        Files.write(drop.resolve("counts.yaml"), definition("件数").getBytes(Charset.forName("windows-31j")));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dir.resolve("catalog/datasets/health/counts.yaml"))).contains("title: 件数");

        Files.writeString(drop.resolve("counts.yaml"), definition("窓口の件数"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("health", "counts.yaml").path("messageEn").asText()).contains("was updated");
        assertThat(Files.readString(dir.resolve("catalog/datasets/health/counts.yaml"))).contains("title: 窓口の件数");
        try (Stream<Path> kept = Files.list(dir.resolve("work/archive/definitions/health"))) {
            Path previous = kept.max(Comparator.naturalOrder()).orElseThrow();
            assertThat(previous.getFileName().toString()).startsWith("counts.").endsWith(".yaml");
            assertThat(Files.readString(previous)).contains("title: 件数");
        }

        Files.writeString(drop.resolve("counts.yaml"), definition("窓口の件数"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("health", "counts.yaml").path("outcome").asText()).isEqualTo("unchanged");
    }

    @Test
    void aDefinitionWithAnErrorAnotherDepartmentsIdOrABadNameIsRefusedAndNothingIsSaved() throws Exception {
        catalog();
        Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/parks")).resolve("benches.yaml"),
                definition("ベンチ"));
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("clinics.yaml"), definition("診療所").replace("description:", "descripton:"));
        Files.writeString(drop.resolve("benches.yaml"), definition("ベンチ（健康）"));
        Files.writeString(drop.resolve("My Clinics.yaml"), definition("診療所"));
        Files.writeString(drop.resolve("huge.yaml"), definition("大きい") + "#" + "x".repeat(2 * 1024 * 1024) + "\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);

        JsonNode typo = receipt("health", "clinics.yaml");
        assertThat(typo.path("outcome").asText()).isEqualTo("rejected");
        assertThat(typo.path("messageEn").asText()).contains("descripton").doesNotContain(dir.toString());
        assertThat(receipt("health", "benches.yaml").path("messageEn").asText())
                .contains("dataset 'benches' belongs to department 'parks'");
        assertThat(receipt("health", "My Clinics.yaml").path("messageEn").asText()).contains("name a definition file after");
        assertThat(receipt("health", "huge.yaml").path("messageEn").asText()).contains("larger than 1024 KB");
        assertThat(dir.resolve("catalog/datasets/health")).doesNotExist();
        assertThat(Files.readString(dir.resolve("catalog/datasets/parks/benches.yaml"))).contains("title: ベンチ\n");
        assertThat(dir.resolve("work/rejected/health/clinics.yaml")).exists();
    }

    @Test
    void whereTheOpenDataTeamKeepsTheCatalogADroppedDefinitionIsRefusedSayingWhomToAsk() throws Exception {
        catalog();
        Files.writeString(Files.createDirectories(dir.resolve("work/ingest/health")).resolve("counts.yaml"), definition("件数"));
        System.setProperty(Settings.DEFINITIONS_FROM_DROPS, "false");
        try {
            assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        } finally {
            System.clearProperty(Settings.DEFINITIONS_FROM_DROPS);
        }
        assertThat(receipt("health", "counts.yaml").path("messageEn").asText()).contains("ask the open-data team");
        assertThat(dir.resolve("catalog/datasets/health/counts.yaml")).doesNotExist();
    }

    @Test
    void aCatalogFolderThatCannotBeWrittenRefusesTheDefinitionSayingWhomToAsk() throws Exception {
        catalog();
        Path datasets = Files.createDirectories(dir.resolve("catalog/datasets"));
        Process chattr = new ProcessBuilder("chattr", "+i", datasets.toString()).redirectErrorStream(true).start();
        String said = new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assumptions.assumeTrue(chattr.waitFor() == 0,
                "cannot make a folder immutable here (root only): " + said);
        try {
            Files.writeString(Files.createDirectories(dir.resolve("work/ingest/health")).resolve("counts.yaml"),
                    definition("件数"));
            assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
            assertThat(receipt("health", "counts.yaml").path("messageEn").asText())
                    .contains("the catalog folder cannot be written", "ask the open-data team");
            assertThat(dir.resolve("work/rejected/health/counts.yaml")).exists();
        } finally {
            new ProcessBuilder("chattr", "-i", datasets.toString()).start().waitFor();
        }
    }

    private static String definition(String title) {
        return "title: " + title + "\ndescription: 窓口ごとの件数\nschema:\n  fields:\n"
                + "    - {name: id, type: integer}\n    - {name: count, type: integer}\n";
    }

    private void catalog() throws Exception {
        Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(dir.resolve("catalog/catalog.yaml"), "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\n"
                + "departments:\n  - id: health\n  - id: parks\n");
    }

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }

    private JsonNode receipt(String department, String file) throws Exception {
        return JSON.readTree(receiptPath(department, file, ".json").toFile());
    }

    /** The newest receipt of a file. */
    private Path receiptPath(String department, String file, String suffix) throws Exception {
        try (Stream<Path> receipts = Files.list(dir.resolve("work/ingest").resolve(department).resolve("_receipts"))) {
            return receipts.filter(p -> p.getFileName().toString().startsWith(file + ".") && p.toString().endsWith(suffix))
                    .max(Comparator.comparing(Path::toString)).orElseThrow();
        }
    }
}
