package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset's definition changes after its data were published: the same file dropped again publishes under
 * the new definition (a department's way), {@code hiraku republish} puts the file back into the drop folder
 * (the open-data team's way, beside a running pipeline), and {@code run} follows edits of the catalog folder.
 */
class RepublishTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Full-width digits in a text field: kept as written, unless the definition says {@code normalize: nfkc}. */
    private static final String COUNTS = "id,window,count\n1,第１窓口,12\n2,第２窓口,7\n3,相談窓口,3\n";

    @TempDir
    Path dir;

    @Test
    void theSameFileDroppedAgainPublishesOnlyWhenTheDefinitionChangedHowItIsRead() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(publishedCsv()).contains("第１窓口");
        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("counts.csv").path("outcome").asText()).isEqualTo("unchanged");

        // a new title is metadata: the catalog shows it, the same file makes no release
        Files.writeString(drop.resolve("counts.yaml"), definition("窓口ごとの相談件数", ""));
        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("counts.yaml").path("outcome").asText()).isEqualTo("defined");
        assertThat(receipt("counts.csv").path("outcome").asText()).isEqualTo("unchanged");
        assertThat(Files.readString(dir.resolve("store/datasets/counts/index.html"))).contains("窓口ごとの相談件数");
        assertThat(history()).hasSize(1);

        // how the file is read changed: the same file, dropped with the definition, publishes anew
        Files.writeString(drop.resolve("counts.yaml"), definition("窓口ごとの相談件数", ", normalize: nfkc"));
        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("counts.csv").path("outcome").asText()).isEqualTo("published");
        // the department is told why the same file made a release
        assertThat(receipt("counts.csv").path("messageJa").asText()).contains("と同じファイルですが、データセット定義が変わったため");
        assertThat(receipt("counts.csv").path("messageEn").asText()).contains("published again because the dataset's "
                + "definition changed");
        assertThat(publishedCsv()).contains("第1窓口", "第2窓口").doesNotContain("第１窓口");
        JsonNode history = history();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("originalSha256").asText()).isEqualTo(history.get(1).path("originalSha256").asText());
        assertThat(history.get(0).path("summary").asText())
                .isEqualTo("the same file under a changed definition: 0 added, 0 removed, 2 changed");
        assertThat(history.get(0).path("changes").path("sameOriginal").asBoolean()).isTrue();
        assertThat(history.get(0).path("changes").path("changed").asLong()).isEqualTo(2);
        assertThat(org.jsoup.Jsoup.parse(dir.resolve("store/datasets/counts/index.html").toFile(), "UTF-8")
                .select("table.releases tbody tr").get(0).text()).contains("同じファイルを変更した定義で再公開。追加 0 行、削除 0 行、変更 2 行");
        assertThat(definitionSha256(history.get(0))).isNotEqualTo(definitionSha256(history.get(1))).hasSize(64);

        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("counts.csv").path("outcome").asText()).isEqualTo("unchanged");
        assertThat(history()).hasSize(2);
    }

    @Test
    void aFormatTheNewReleaseDoesNotHaveLeavesTheLatestFilesOnceTheCatalogNoLongerLinksIt() throws Exception {
        catalog();
        String places = "title: 相談窓口の場所\ndescription: 窓口の位置\nschema:\n  fields:\n    - {name: window, type: string}\n"
                + "    - {name: latitude, type: number}\n    - {name: longitude, type: %s}\n";
        Files.writeString(dir.resolve("catalog/datasets/health/places.yaml"), places.formatted("number"));
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        String file = "window,latitude,longitude\n第１窓口,34.876,138.32\n";
        Files.writeString(drop.resolve("places.csv"), file);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        Path latest = dir.resolve("store/datasets/places/places.geojson");
        assertThat(JSON.readTree(latest.toFile()).path("features").get(0).path("geometry").path("coordinates").toString())
                .isEqualTo("[138.32,34.876]");
        String first = JSON.readTree(dir.resolve("store/datasets/places/datapackage.json").toFile())
                .path("hiraku").path("release").asText();

        // the longitude is text now: no longer a table of places, so no GeoJSON
        Files.writeString(drop.resolve("places.yaml"), places.formatted("string"));
        Files.writeString(drop.resolve("places.csv"), file);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(Files.readString(dir.resolve("store/datasets/places/datapackage.json"))).doesNotContain("geojson");
        assertThat(latest).doesNotExist();
        assertThat(Files.readString(dir.resolve("store/datasets/places/index.html"))).doesNotContain("places.geojson");
        assertThat(dir.resolve("store/datasets/places/releases/" + first + "/places.geojson")).exists();
    }

    @Test
    void republishPutsTheLatestFileBackOnlyForADefinitionThatChangedAndNeverOverAWaitingDrop() throws Exception {
        catalog();
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);

        Printed said = Printed.by(() -> republish("--changed"));
        assertThat(said.exit()).isEqualTo(HirakuCommand.OK);
        assertThat(said.out()).contains("No published dataset's definition changed");
        said = Printed.by(() -> republish("--dataset", "counts"));
        assertThat(said.exit()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(said.out()).contains("counts: its definition is the one its latest release");
        assertThat(republish("--dataset", "parking")).isEqualTo(HirakuCommand.REJECTED);
        assertThat(republish()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(drop.resolve("counts.csv")).doesNotExist();

        // the open-data team edits the definition in the catalog folder
        Files.writeString(dir.resolve("catalog/datasets/health/counts.yaml"), definition("窓口の件数", ", normalize: nfkc"));
        // a department's file of the same name waiting in the folder is never replaced
        Files.writeString(drop.resolve("counts.csv"), "id,window,count\n9,新しい窓口,1\n");
        said = Printed.by(() -> republish("--dataset", "counts"));
        assertThat(said.exit()).isEqualTo(HirakuCommand.REJECTED);
        assertThat(said.out()).contains("a file named counts.csv already waits in");
        assertThat(Files.readString(drop.resolve("counts.csv"))).contains("新しい窓口");
        Files.delete(drop.resolve("counts.csv"));

        // the original comes from the store when the archive does not have it (another node's, or cleaned)
        io.hiraku.publish.DurableFiles.deleteTree(dir.resolve("work/archive"));
        said = Printed.by(() -> republish("--changed"));
        assertThat(said.exit()).isEqualTo(HirakuCommand.OK);
        assertThat(said.out()).contains("counts: its latest release", "put back into", "1 file(s) put back");
        assertThat(Files.readString(drop.resolve("counts.csv"))).isEqualTo(COUNTS);
        try (Stream<Path> left = Files.list(drop)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("counts.csv", "_receipts");
        }
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        assertThat(receipt("counts.csv").path("outcome").asText()).isEqualTo("published");
        assertThat(publishedCsv()).contains("第1窓口");
        assertThat(history()).hasSize(2);
        assertThat(republish("--dataset", "counts")).isEqualTo(HirakuCommand.REJECTED);
    }

    @Test
    void aRunningPipelineFollowsEditsOfTheCatalogFolderAndPublishesWhatIsPutBack() throws Exception {
        catalog();
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/health"));
        Path page = dir.resolve("store/datasets/counts/index.html");
        try (RunningHiraku hiraku = new RunningHiraku(Map.of("HIRAKU_CATALOG_WATCH_MS", "200"), "--work", work.toString(),
                "--store", dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString(),
                "--port", String.valueOf(io.hiraku.S3Server.freePort()))) {
            Files.writeString(drop.resolve("counts.csv"), COUNTS);
            hiraku.awaitOrShow(() -> Files.readString(page).contains("窓口の件数"));

            // a title edited by the open-data team: no drop, no restart
            Files.writeString(dir.resolve("catalog/datasets/health/counts.yaml"), definition("窓口ごとの相談件数", ""));
            hiraku.awaitOrShow(() -> Files.readString(page).contains("窓口ごとの相談件数"));
            assertThat(hiraku.log()).anyMatch(line -> line.contains("The catalog folder")
                    && line.contains("datasets/health/counts.yaml") && line.contains("rebuilding the catalog"));
            assertThat(history()).hasSize(1);

            // a schema edited: the data follow once the file is put back, while the pipeline runs
            Files.writeString(dir.resolve("catalog/datasets/health/counts.yaml"),
                    definition("窓口ごとの相談件数", ", normalize: nfkc"));
            assertThat(republish("--changed")).isEqualTo(HirakuCommand.OK);
            hiraku.awaitOrShow(() -> history().size() == 2 && publishedCsv().contains("第1窓口"));
            hiraku.awaitOrShow(() -> "published".equals(receipt("counts.csv").path("outcome").asText())
                    && !Files.exists(drop.resolve("counts.csv")));

            // a department added to catalog.yaml gets its drop folder, and what it drops there is published
            Path catalogYaml = dir.resolve("catalog/catalog.yaml");
            Files.writeString(catalogYaml, Files.readString(catalogYaml) + "  - id: parks\n");
            Path parks = work.resolve("ingest/parks");
            hiraku.awaitOrShow(() -> Files.isDirectory(parks));
            Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/parks")).resolve("benches.yaml"),
                    "title: ベンチ\ndescription: 公園のベンチ\nschema:\n  fields:\n    - {name: park, type: string}\n");
            Files.writeString(parks.resolve("benches.csv"), "park\n中央公園\n");
            hiraku.awaitOrShow(() -> Files.isRegularFile(dir.resolve("store/datasets/benches/benches.csv")));
            assertThat(hiraku.log()).anyMatch(line -> line.contains("Drop folder of the new department parks made"));

            // an edit that breaks catalog.yaml is said once, in one line, and the published catalog stays as it was
            Files.writeString(catalogYaml, "title: 市のカタログ\ndescription: [閉じていない\n");
            java.util.function.Supplier<List<String>> warnings = () -> hiraku.log().stream()
                    .filter(line -> line.contains("The catalog was not rebuilt")).toList();
            hiraku.awaitOrShow(() -> warnings.get().size() == 1);
            assertThat(warnings.get().get(0)).contains("catalog.yaml", "stays as it was");
            String index = Files.readString(dir.resolve("store/index.html")); // the rebuilds before it are done
            // five more looks of the folder at 200 ms: no second warning, no stack trace
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(1000))
                    .atMost(java.time.Duration.ofSeconds(5)).until(() -> warnings.get().size() == 1);
            assertThat(hiraku.log()).noneMatch(line -> line.contains("DefinitionException"));
            assertThat(Files.readString(dir.resolve("store/index.html"))).isEqualTo(index);
            assertThat(HirakuCommand.execute("status", "--work", work.toString(), "--store", dir.resolve("store").toString(),
                    "--catalog", dir.resolve("catalog").toString())).isNotEqualTo(HirakuCommand.OK);
        }
    }

    private static String definition(String title, String windowOptions) {
        return "title: " + title + "\ndescription: 窓口ごとの件数\nschema:\n  primaryKey: [id]\n  fields:\n"
                + "    - {name: id, type: integer}\n    - {name: window, type: string" + windowOptions + "}\n"
                + "    - {name: count, type: integer}\n";
    }

    private void catalog() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"),
                "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\ndepartments:\n  - id: health\n");
        Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/health")).resolve("counts.yaml"),
                definition("窓口の件数", ""));
    }

    private int publishOnce() {
        return HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString());
    }

    private int republish(String... what) {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("republish"));
        arguments.addAll(java.util.List.of(what));
        arguments.addAll(java.util.List.of("--work", dir.resolve("work").toString(), "--store",
                dir.resolve("store").toString(), "--catalog", dir.resolve("catalog").toString()));
        return HirakuCommand.execute(arguments.toArray(String[]::new));
    }

    private String publishedCsv() throws Exception {
        return Files.readString(dir.resolve("store/datasets/counts/counts.csv"));
    }

    private JsonNode history() throws Exception {
        return JSON.readTree(dir.resolve("store/datasets/counts/releases.json").toFile());
    }

    private String definitionSha256(JsonNode entry) throws Exception {
        return JSON.readTree(dir.resolve("store/datasets/counts/releases/" + entry.path("release").asText()
                + "/datapackage.json").toFile()).path("hiraku").path("definitionSha256").asText();
    }

    /** The newest receipt of a file of the health department. */
    private JsonNode receipt(String file) throws Exception {
        try (Stream<Path> receipts = Files.list(dir.resolve("work/ingest/health/_receipts"))) {
            Path newest = receipts.filter(p -> p.getFileName().toString().startsWith(file + ".")
                    && p.toString().endsWith(".json")).max(Comparator.comparing(Path::toString)).orElseThrow();
            return JSON.readTree(newest.toFile());
        }
    }
}
