package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.publish.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hiraku status}, as the open-data team uses it in the morning or a monitor every few minutes: after real
 * drops, a refusal, a definition broken and one changed, a drop an operational error stopped and one waiting with
 * no run, it lists each with what to do and exits 1; once each is made good the usual way, it says nothing needs
 * attention and exits 0. It never holds the work folder.
 */
class StatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNTS = "id,window,count\n1,第1窓口,12\n2,第2窓口,7\n3,相談窓口,3\n";

    @TempDir
    Path dir;

    @Test
    void listsWhatNeedsTheTeamWithWhatToDoAndNothingOnceEachIsMadeGood() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"),
                "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\ndepartments:\n  - id: health\n");
        Path definitions = Files.createDirectories(dir.resolve("catalog/datasets/health"));
        Files.writeString(definitions.resolve("counts.yaml"), counts(""));
        Files.writeString(definitions.resolve("places.yaml"), """
                title: 相談窓口の一覧
                description: 窓口の名前
                schema:
                  fields:
                    - {name: window, type: string}
                """);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("counts.csv"), COUNTS);
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);

        Printed fine = status();
        assertThat(fine.exit()).as(fine.out()).isEqualTo(HirakuCommand.OK);
        assertThat(fine.out()).contains("  run      not running", "Nothing needs attention.")
                .containsPattern("health +counts +published +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +3 +\\d{4}-\\d\\d-\\d\\d\n")
                .containsPattern("health +places +not published +- +- +-\n");

        // a department's file refused (a count that is no number)
        Files.writeString(drop.resolve("counts.csv"), COUNTS.replace(",7\n", ",七\n"));
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        // a definition broken, and one changed since its release
        Files.writeString(definitions.resolve("broken.yaml"), "title: 壊れた定義\nschema:\n  fields:\n    - {name: a, type: lorem}\n");
        Files.writeString(definitions.resolve("counts.yaml"), counts(", normalize: nfkc"));
        // a drop an operational error stopped after its retries, kept where the pipeline keeps it
        Path stopped = Files.writeString(dir.resolve("places.csv"), "window\n第1窓口\n");
        Path failed = FailedDrops.keep(stopped, dir.resolve("work/failed"), "health");
        // and a drop waiting, with no run to take it
        Files.writeString(drop.resolve("places.csv"), "window\n第1窓口\n第2窓口\n");
        // and a receipt mail the mail server has not taken yet
        Path unsent = new MailOutbox(dir.resolve("work/outbox"), Duration.ofHours(72), Clock.systemUTC())
                .keep("opendata-pipeline@city.example", "health@city.example", "", "counts.csv", "<p>", "-");

        Printed attention = status("--json");
        assertThat(attention.exit()).as(attention.out()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode report = JSON.readTree(attention.out());
        assertThat(report.path("needsAttention").asBoolean()).isTrue();
        assertThat(report.path("waiting").asInt()).isEqualTo(1);
        List<String> items = new ArrayList<>();
        report.path("attention").forEach(a -> items.add(a.path("kind").asText() + " | " + a.path("subject").asText()
                + " | " + a.path("problem").asText() + " | " + a.path("todo").asText()));
        assertThat(items).hasSize(6);
        assertThat(items).filteredOn(i -> i.startsWith("refused")).singleElement().asString()
                .contains("health/counts.csv (counts)", "line 3, count: '七' is not an integer",
                        dir.resolve("work/rejected/health").toString(), ".html");
        assertThat(items).filteredOn(i -> i.startsWith("definition")).hasSize(2)
                .anySatisfy(i -> assertThat(i).contains("broken.yaml", "lorem"))
                .anySatisfy(i -> assertThat(i).contains("definition | counts | its definition changed since its latest "
                        + "release", "hiraku republish --dataset counts"));
        assertThat(items).filteredOn(i -> i.startsWith("failed")).singleElement().asString()
                .contains("failed/health/places.csv", "move the file back into " + drop);
        assertThat(items).filteredOn(i -> i.startsWith("waiting")).singleElement().asString()
                .contains("1 file(s) wait in the drop folders and no run is running");
        assertThat(items).filteredOn(i -> i.startsWith("mail")).singleElement().asString()
                .contains("1 receipt mail(s) not sent yet", "the mail server");
        // the work folder's disk, and what the archive holds: the two drops' originals, kept for good by default
        assertThat(report.path("disk").path("archivedFiles").asLong()).isEqualTo(2);
        assertThat(report.path("disk").path("freeBytes").asLong()).isPositive();
        Printed text = status();
        assertThat(text.out()).containsPattern("  disk     [0-9.]+ [KMG]?B free; archive 2 file\\(s\\), [0-9]+ B, kept for good "
                + "\\(hiraku.archive.keep-days\\)\n");
        assertThat(text.out()).contains("Needs attention (6):", "  [refused] health/counts.csv (counts)",
                "      -> hiraku republish --dataset counts");

        // the work disk with less free than a drop needs: a run would take none
        Status full = new Status(new Workspace(dir.resolve("work"), drop.getParent()), new LocalObjectStore(dir.resolve("store")),
                null, Clock.systemUTC(), 0, Long.MAX_VALUE / (1 << 21));
        assertThat(full.report(new CatalogSource(dir.resolve("catalog"), "").load(), dir.resolve("catalog")).attention())
                .filteredOn(a -> a.kind().equals("disk")).singleElement()
                .satisfies(a -> assertThat(a.problem()).contains("free, less than hiraku.disk.min-free-mb"))
                .satisfies(a -> assertThat(a.todo()).contains("the archive holds 2 file(s)", "set hiraku.archive.keep-days"));

        // overdue: its monthly update not come a month and a quarter later
        io.hiraku.schema.Definitions loaded = new CatalogSource(dir.resolve("catalog"), "").load();
        Status later = new Status(new Workspace(dir.resolve("work"), drop.getParent()),
                new LocalObjectStore(dir.resolve("store")), null, Clock.offset(Clock.systemUTC(), Duration.ofDays(40)));
        assertThat(later.report(loaded, dir.resolve("catalog")).attention())
                .filteredOn(a -> a.kind().equals("overdue")).singleElement()
                .satisfies(a -> assertThat(a.subject()).isEqualTo("counts"))
                .satisfies(a -> assertThat(a.todo()).contains("ask health for the new file"));
        assertThat(later.report(loaded, dir.resolve("catalog")).datasets())
                .filteredOn(d -> d.id().equals("counts")).singleElement()
                .satisfies(d -> assertThat(d.state()).isEqualTo("overdue"));

        // distributed mode: a worker's refusals are in the shared archive, which a node's status reads too
        LocalObjectStore shared = new LocalObjectStore(dir.resolve("shared"));
        for (Path kept : Workspace.filesUnder(dir.resolve("work/rejected/health"), 1)) {
            shared.put("rejected/health/" + kept.getFileName(), kept, io.hiraku.publish.ObjectInfo.changing("text/plain"));
        }
        Status node = new Status(new Workspace(dir.resolve("node"), dir.resolve("node/ingest")),
                new LocalObjectStore(dir.resolve("store")), shared, Clock.systemUTC());
        assertThat(node.report(loaded, dir.resolve("catalog")).attention())
                .filteredOn(a -> a.kind().equals("refused")).singleElement()
                .satisfies(a -> assertThat(a.subject()).isEqualTo("health/counts.csv (counts)"))
                .satisfies(a -> assertThat(a.todo()).contains(shared.location("rejected/health/counts.csv."), ".html"));

        // a run holding the work folder is named; status itself never takes it
        try (WorkLock run = WorkLock.take(dir.resolve("work"), "run " + OperatorRequests.TAKES)) {
            JsonNode held = JSON.readTree(status("--json").out());
            assertThat(held.path("run").asText()).startsWith("pid " + ProcessHandle.current().pid() + ", run");
            // with a run there, the waiting file is its to take: no attention for it
            assertThat(held.path("attention").findValuesAsText("kind")).doesNotContain("waiting");
        }
        assertThat(JSON.readTree(status("--json").out()).path("run").isNull()).isTrue();

        // each made good the usual way: the department drops the fixed file, the failed one is moved back, the
        // broken definition mended; the fixed file publishes under the changed definition
        Files.writeString(drop.resolve("counts.csv"), COUNTS.replace("1,第1窓口", "1,第１窓口"));
        Files.delete(drop.resolve("places.csv"));
        Files.move(failed, drop.resolve("places.csv"));
        Files.delete(unsent);   // the mail server back, the mail sent
        Files.writeString(definitions.resolve("broken.yaml"), "title: 直した定義\ndescription: 直した\nschema:\n  fields:\n"
                + "    - {name: a, type: string}\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        Printed mended = status();
        assertThat(mended.exit()).as(mended.out()).isEqualTo(HirakuCommand.OK);
        assertThat(mended.out()).contains("Nothing needs attention.", "0 waiting in the drop folders")
                .containsPattern("health +places +published +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +1 +-\n")
                .containsPattern("health +broken +not published");
    }

    @Test
    void aFileNoDefinitionTakesNeedsOneUntilADatasetTakingItIsPublished() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"),
                "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\ndepartments:\n  - id: health\n");
        Path drop = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drop.resolve("窓口の一覧.csv"), "window\n中央\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode refused = JSON.readTree(status("--json").out()).path("attention");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).path("subject").asText()).isEqualTo("health/窓口の一覧.csv");
        assertThat(refused.get(0).path("todo").asText()).contains("no definition takes the file: its receipt proposes one "
                + "(catalog/datasets/health/", "to fill in and drop back with the file");

        // the department drops a definition that takes the file, and the file again
        Files.writeString(drop.resolve("windows.yaml"), "title: 窓口の一覧\ndescription: 保健所の窓口\nsource:\n"
                + "  files: [\"窓口の一覧.csv\"]\nschema:\n  fields:\n    - {name: window, type: string}\n");
        Files.writeString(drop.resolve("窓口の一覧.csv"), "window\n中央\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.OK);
        Printed mended = status();
        assertThat(mended.exit()).as(mended.out()).isEqualTo(HirakuCommand.OK);

        // the file again with a column renamed: a definition takes it, its columns are not the definition's
        Files.writeString(drop.resolve("窓口の一覧.csv"), "窓口名\n中央\n");
        assertThat(publishOnce()).isEqualTo(HirakuCommand.REJECTED);
        JsonNode drifted = JSON.readTree(status("--json").out()).path("attention");
        assertThat(drifted).hasSize(1);
        assertThat(drifted.get(0).path("subject").asText()).isEqualTo("health/窓口の一覧.csv (windows)");
        assertThat(drifted.get(0).path("todo").asText()).doesNotContain("no definition takes the file")
                .contains("its columns are not those of the definition", "the team updates the definition");
    }

    private static String counts(String windowOptions) {
        return """
                title: 窓口ごとの相談件数
                description: 窓口ごとの月の相談件数
                updateFrequency: monthly
                schema:
                  primaryKey: [id]
                  fields:
                    - {name: id, type: integer}
                    - {name: window, title: 窓口, type: string%s}
                    - {name: count, title: 件数, type: integer}
                """.formatted(windowOptions);
    }

    private int publishOnce() {
        return HirakuCommand.execute(with("publish", "--once"));
    }

    private Printed status(String... more) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("status"));
        arguments.addAll(List.of(more));
        return Printed.by(() -> HirakuCommand.execute(with(arguments.toArray(String[]::new))));
    }

    private String[] with(String... command) {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(List.of("--work", dir.resolve("work").toString(), "--store", dir.resolve("store").toString(),
                "--catalog", dir.resolve("catalog").toString()));
        return arguments.toArray(String[]::new);
    }
}
