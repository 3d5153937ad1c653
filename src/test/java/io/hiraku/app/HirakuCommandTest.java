package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, in-process: exit codes and what is printed. */
class HirakuCommandTest {
    @TempDir
    Path dir;

    @Test
    void publishOnceSeedsTheExamplesAndPublishesThemAll() throws Exception {
        Path store = dir.resolve("store");
        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--store", store.toString());
        assertThat(exit).isEqualTo(HirakuCommand.OK);
        assertThat(store.resolve("index.html")).exists();
        assertThat(store.resolve("catalog.ttl")).exists();
        for (String id : List.of("takamatsu-aed", "takamatsu-childcare-facilities", "yaizu-public-toilets")) {
            assertThat(store.resolve("datasets/" + id + "/" + id + ".csv")).exists();
            assertThat(store.resolve("datasets/" + id + "/index.html")).exists();
        }
    }

    @Test
    void publishOnceRunsFromAFolderWithoutTheRepositorysRoutesOnTheRoutesInsideTheApplication() throws Exception {
        // an operator's install: the jar and a catalog elsewhere, started from a service's working folder
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), work.resolve("ingest/yaizu/222127_public_toilet.csv"));
        ProcessBuilder builder = RunningHiraku.command("publish", "--once", "--work", work.toString(), "--store",
                dir.resolve("store").toString(), "--catalog", Path.of("catalog").toAbsolutePath().toString());
        Path elsewhere = Files.createDirectories(dir.resolve("service"));
        Process process = builder.directory(elsewhere.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isEqualTo(HirakuCommand.OK);
        assertThat(output).contains("1 published");
        assertThat(dir.resolve("store/datasets/yaizu-public-toilets/yaizu-public-toilets.csv")).exists();
    }

    @Test
    void publishOnceExitsOneWhenAFileIsRejected() throws Exception {
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.writeString(drop.resolve("yaizu-public-toilets.csv"), "全国地方公共団体コード,ID\n222127,x\n");
        int exit = HirakuCommand.execute("publish", "--once", "--work", work.toString(),
                "--store", dir.resolve("store").toString());
        assertThat(exit).isEqualTo(HirakuCommand.REJECTED);
        assertThat(work.resolve("rejected/yaizu/yaizu-public-toilets.csv")).exists();
        assertThat(dir.resolve("store/datasets/yaizu-public-toilets")).doesNotExist();
    }

    @Test
    void aFileWithNoDefinitionIsRejectedWithAProposedDefinition() throws Exception {
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.writeString(drop.resolve("Bus Stops.csv"), "stop_id,名称,緯度,開設日\n1,駅前,34.86,令和2年4月1日\n2,港,34.87,R3.5.6\n");
        int exit = HirakuCommand.execute("publish", "--once", "--work", work.toString(),
                "--store", dir.resolve("store").toString());
        assertThat(exit).isEqualTo(HirakuCommand.REJECTED);
        Path receipt;
        try (var files = Files.list(drop.resolve("_receipts"))) {
            receipt = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(receipt.toFile());
        assertThat(json.path("outcome").asText()).isEqualTo("rejected");
        assertThat(json.path("messageEn").asText()).contains("no dataset definition matches 'Bus Stops.csv'");
        assertThat(json.path("proposedDefinition").path("path").asText())
                .isEqualTo("catalog/datasets/yaizu/bus-stops.yaml");
        assertThat(json.path("proposedDefinition").path("yaml").asText())
                .contains("name: stop_id", "type: integer", "title: 緯度", "type: number", "type: date");
    }

    @Test
    void aWorkbookWithTwoTablesPublishesTwoDatasetsWithAReceiptEach() throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("catalog/datasets/takamatsu"));
        Files.writeString(dir.resolve("catalog/catalog.yaml"), "title: t\ndescription: d\npublisher: p\ndepartments:\n  - id: takamatsu\n");
        String population = Files.readString(Path.of(
                "src/test/resources/corpus-catalog/datasets/corpus/takamatsu-0066-202401-population-workbook.yaml"))
                .replace("files: [\"takamatsu__0066_202401_population_workbook.xlsx\"]", "files: [\"0066_*.xlsx\"]");
        Files.writeString(catalog.resolve("population-by-area.yaml"), population);
        Files.writeString(catalog.resolve("population-howto.yaml"), """
                title: 「集計用」データの作成手順
                description: テスト用のデータセット
                source: {files: ["0066_*.xlsx"], sheet: 取扱い説明, headerRow: 2}
                schema:
                  fields:
                    - {name: step, title: "№", type: integer, constraints: {required: true}}
                    - {name: instruction, title: 作成手順内容, type: string}
                """);
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/takamatsu"));
        Files.copy(io.hiraku.Corpus.file("takamatsu__0066_202401_population_workbook.xlsx"),
                drop.resolve("0066_202401.xlsx"));
        Path store = dir.resolve("store");
        int exit = HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", store.toString(),
                "--catalog", dir.resolve("catalog").toString());
        assertThat(exit).isEqualTo(HirakuCommand.OK);
        assertThat(csvRecords(store.resolve("datasets/population-by-area/population-by-area.csv"))).hasSize(236);
        // four steps: the 注意点 row below them is a note, left out and listed in the receipt
        assertThat(csvRecords(store.resolve("datasets/population-howto/population-howto.csv")))
                .hasSize(5).first().satisfies(header -> assertThat(header.values()).containsExactly("step", "instruction"));
        try (var receipts = Files.list(drop.resolve("_receipts"))) {
            assertThat(receipts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .hasSize(2).anyMatch(n -> n.startsWith("0066_202401.xlsx.population-by-area."))
                    .anyMatch(n -> n.startsWith("0066_202401.xlsx.population-howto."));
        }
        assertThat(Files.readString(store.resolve("index.html"))).contains("population-by-area", "population-howto");
    }

    @Test
    void publishOnceWithNothingToDoBuildsTheCatalogAndExitsZero() throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("ingest"));
        int exit = HirakuCommand.execute("publish", "--once", "--work", work.toString(),
                "--store", dir.resolve("store").toString());
        assertThat(exit).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dir.resolve("store/index.html"))).contains("まだ公開されたデータセットはありません");
    }

    @Test
    void validateReportsWithoutPublishing() throws Exception {
        String out = capture(() -> assertThat(HirakuCommand.execute("validate",
                "examples/takamatsu/0002_aed_sjis_2023-02-16.csv")).isEqualTo(HirakuCommand.OK));
        assertThat(out).contains("dataset takamatsu-aed").contains("VALID: 514 rows").contains("windows-31j");

        Path broken = dir.resolve("takamatsu-aed.csv");
        Files.writeString(broken, "1,施設,住所,,\"34.3,134.0\",,,25:00,,,有\n1,重複,住所,,\"34.3,134.0\",,,,,,たぶん\n");
        String report = capture(() -> assertThat(HirakuCommand.execute("validate", broken.toString()))
                .isEqualTo(HirakuCommand.REJECTED));
        assertThat(report).contains("INVALID").contains("line 1").contains("'25:00'").contains("line 2")
                .contains("'たぶん'").contains("primary key");
    }

    @Test
    void validateNamesAMissingDefinitionAndProposesOne() throws Exception {
        Path file = Files.writeString(dir.resolve("Unknown Counts.csv"), "地区,件数\n中央,1\n東,2\n");
        String[] err = new String[1];
        String out = capture(() -> err[0] = captureErr(() ->
                assertThat(HirakuCommand.execute("validate", file.toString())).isEqualTo(HirakuCommand.REJECTED)));
        assertThat(err[0]).contains("no dataset definition for 'Unknown Counts.csv'");
        assertThat(out).contains("unknown-counts.yaml", "title: 地区", "title: 件数\n    type: integer");
    }

    @Test
    void aCatalogWithoutDescriptionOrPublisherIsRefusedBeforePublishingNamingWhatToAdd() throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("catalog/datasets/city"));
        Files.writeString(catalog.getParent().getParent().resolve("catalog.yaml"), "title: t\ndepartments:\n  - id: city\n");
        Files.writeString(catalog.resolve("counts.yaml"), """
                title: 件数
                description: テスト用のデータセット
                source: {files: ["counts*.csv"]}
                schema:
                  fields:
                    - {name: a, type: integer}
                """);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/city"));
        Path file = Files.writeString(drop.resolve("counts.csv"), "a\n1\n");
        String[] err = new String[1];
        String out = capture(() -> err[0] = captureErr(() -> assertThat(HirakuCommand.execute("publish", "--once",
                "--work", dir.resolve("work").toString(), "--store", dir.resolve("store").toString(),
                "--catalog", dir.resolve("catalog").toString())).isEqualTo(HirakuCommand.OPERATIONAL_ERROR)));
        assertThat(out).doesNotContain("Catalog rebuilt");
        assertThat(err[0]).contains("catalog.yaml", "DCAT-AP", "'description' (missing", "'publisher' (missing");
        assertThat(dir.resolve("store")).doesNotExist();
        assertThat(file).exists();

        // validate publishes nothing: it checks the file against its dataset's schema all the same
        String report = capture(() -> assertThat(HirakuCommand.execute("validate", "--catalog",
                dir.resolve("catalog").toString(), file.toString())).isEqualTo(HirakuCommand.OK));
        assertThat(report).contains("counts", "VALID");
    }

    @Test
    void helpListsTheSubcommands() throws Exception {
        String out = capture(() -> assertThat(HirakuCommand.execute("--help")).isZero());
        assertThat(out).contains("run", "publish", "validate", "serve");
    }

    private static java.util.List<org.apache.commons.csv.CSVRecord> csvRecords(Path file) throws Exception {
        try (var reader = Files.newBufferedReader(file)) {
            return org.apache.commons.csv.CSVFormat.RFC4180.parse(reader).getRecords();
        }
    }

    private static String capture(ThrowingRunnable action) throws Exception {
        return capture(action, System::setOut, System.out);
    }

    private static String captureErr(ThrowingRunnable action) throws Exception {
        return capture(action, System::setErr, System.err);
    }

    /** What the action prints to one of the standard streams, which is put back after. */
    private static String capture(ThrowingRunnable action, java.util.function.Consumer<PrintStream> set,
                                  PrintStream original) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        set.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            set.accept(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
