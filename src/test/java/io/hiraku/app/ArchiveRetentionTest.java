package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work folder's archive does not grow for good: with {@code hiraku.archive.keep-days} set, an original is
 * removed that many days after its bytes were last dropped, by {@code run}'s timer and at the end of
 * {@code publish --once} alike; never one a drop in hand needs, nor the replaced definitions; the store's release
 * keeps its own copy. Unset, every original stays.
 */
class ArchiveRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    @TempDir
    Path dir;

    @Test
    void originalsLastDroppedBeforeTheDaysGivenGoAndNoOtherDoes() throws Exception {
        Workspace workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        Path old = original(workspace, "health", "a".repeat(64), "counts.csv", 40);
        Path noDepartment = original(workspace, "", "b".repeat(64), "loose.csv", 31);
        Path recent = original(workspace, "health", "c".repeat(64), "counts.csv", 29);
        Path inHand = original(workspace, "parks", "d".repeat(64), "parks.csv", 400);
        Path definition = Files.createDirectories(workspace.archive().resolve("definitions/health")).resolve("counts.yaml");
        Files.writeString(definition, "title: 件数\n");
        Files.setLastModifiedTime(definition.getParent(), FileTime.from(NOW.minus(Duration.ofDays(400))));
        DropJournal journal = new DropJournal(workspace.journal());
        journal.begin("parks", "parks.csv", 10, "d".repeat(64), NOW.minusSeconds(60));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        assertThat(new ArchiveRetention(workspace, journal, clock, 0).removeExpired()).isZero();
        assertThat(List.of(old, noDepartment, recent, inHand)).allSatisfy(p -> assertThat(p).isRegularFile());

        assertThat(new ArchiveRetention(workspace, journal, clock, 30).removeExpired()).isEqualTo(2);
        assertThat(old.getParent()).doesNotExist();
        assertThat(noDepartment.getParent()).doesNotExist();
        assertThat(List.of(recent, inHand, definition)).allSatisfy(p -> assertThat(p).isRegularFile());
    }

    @Test
    void runAndPublishOnceRemoveOldOriginalsAndADropOfTheSameBytesKeepsItsOwn() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("catalog")).resolve("catalog.yaml"),
                "title: 市のカタログ\ndescription: 市のデータ\npublisher: 市\ndepartments:\n  - id: health\n");
        for (String id : List.of("counts", "visits")) {
            Files.writeString(Files.createDirectories(dir.resolve("catalog/datasets/health")).resolve(id + ".yaml"),
                    "title: 件数 " + id + "\ndescription: 窓口ごとの件数\nschema:\n  fields:\n    - {name: id, type: integer}\n"
                            + "    - {name: count, type: integer}\n");
        }
        Path drops = Files.createDirectories(dir.resolve("work/ingest/health"));
        Files.writeString(drops.resolve("counts.csv"), "id,count\n1,12\n");
        assertThat(once()).isTrue();
        Path counts = archived("counts.csv");
        age(counts, 3);

        // a cron run: another drop, then the original last dropped three days ago goes
        Files.writeString(drops.resolve("visits.csv"), "id,count\n1,3\n");
        assertThat(once()).isTrue();
        assertThat(counts).doesNotExist();
        Path visits = archived("visits.csv");
        assertThat(visits).isDirectory();
        // the store's release still has the original
        try (Stream<Path> kept = Files.walk(dir.resolve("store/datasets/counts/releases"))) {
            List<Path> originals = kept.filter(p -> p.toString().contains("/original/")).filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertThat(originals).hasSize(1);
            assertThat(originals.get(0)).hasContent("id,count\n1,12");
        }

        // the same bytes dropped again: published nothing new, and kept from now on, not from the first time
        age(visits, 3);
        Files.writeString(drops.resolve("visits.csv"), "id,count\n1,3\n");
        assertThat(once()).isTrue();
        assertThat(visits).isDirectory();

        // run: its timer removes it once it is old
        age(visits, 3);
        Main run = new PipelineRunner(Settings.load(settings("200"))).start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(visits));
        } finally {
            run.stop();
        }
    }

    private boolean once() throws Exception {
        return new PipelineRunner(Settings.load(settings("3600000"))).runOnce(60_000);
    }

    private Map<String, String> settings(String checkMs) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.WORK, dir.resolve("work").toString());
        settings.put(Settings.CATALOG, dir.resolve("catalog").toString());
        settings.put(Settings.STORE, dir.resolve("store").toString());
        settings.put(Settings.SEED_EXAMPLES, "false");
        settings.put(Settings.ARCHIVE_KEEP_DAYS, "1");
        settings.put("hiraku.archive.check-ms", checkMs);
        settings.put("hiraku.management.enabled", "false");
        settings.put(Settings.POLL_MS, "200");
        settings.put(Settings.SETTLE_MS, "200");
        return settings;
    }

    /** The folder the drop of that name was archived in. */
    private Path archived(String name) throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("work/archive/health"))) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow().getParent();
        }
    }

    private static void age(Path folder, int days) throws Exception {
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(Duration.ofDays(days))));
    }

    private static Path original(Workspace workspace, String department, String sha, String name, int daysAgo)
            throws Exception {
        Path file = Files.createDirectories(workspace.archived(department, sha)).resolve(name);
        Files.writeString(file, "id\n1\n");
        Files.setLastModifiedTime(file.getParent(), FileTime.from(NOW.minus(Duration.ofDays(daysAgo))));
        return file;
    }
}
