package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the pipeline with SIGKILL (a child JVM running {@code publish --once}) at randomised points
 * while it works through six drops: the three examples, a second version of one of them, a file with
 * bad data and a file no dataset is defined for. After every kill, the catalog as it stands must point
 * only at objects that exist. It restarts the pipeline and kills it again, {@link #KILLS_PER_ROUND}
 * times, then lets a run complete; after that every drop must have ended exactly once: published (one
 * release, named in the history, checksums right) or rejected with its receipt, with nothing left in the
 * drop folders, no temporary file, no staged file, no journal entry. Rounds repeat until at least
 * {@link #KILLS} kills.
 * The random seed is printed; {@code -Dhiraku.crash.seed=N} replays a run.
 */
class CrashRecoveryTest {
    private static final int KILLS = 16;
    /** Kills per round before a run is let complete. */
    private static final int KILLS_PER_ROUND = 8;
    /** A kill comes after a random one of the first this many step lines of a run (about half a full run). */
    private static final int MAX_KILL_LINE = 160;
    private static final String BASE = "https://data.example.jp/";
    private static final Pattern STEP_LINE =
            Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (DEBUG|INFO |WARN |ERROR) (?!BaseMainSupport).*");
    /** A step of a drop itself: archiving, its journal, building its release. */
    private static final Pattern DROP_STEP =
            Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (DEBUG|INFO |WARN |ERROR) (DropJournal|Drops|Releases) .*");
    /** The first kill of a round comes after a random one of the first this many drop steps. */
    private static final int MAX_DROP_STEP = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The drops of a round: folder/name, the file they are made from, their dataset (null: refused). */
    private record Drop(String path, String dataset, boolean published) {
    }

    private static final List<Drop> DROPS = List.of(
            new Drop("takamatsu/0002_aed_sjis_2023-02-16.csv", "takamatsu-aed", true),
            new Drop("takamatsu/0078_childcare_facilities.csv", "takamatsu-childcare-facilities", true),
            new Drop("yaizu/222127_public_toilet.csv", "yaizu-public-toilets", true),
            new Drop("yaizu/222127_public_toilet_broken.csv", "yaizu-public-toilets", false),
            new Drop("takamatsu/budget.csv", null, false),
            new Drop("takamatsu/0078_childcare_facilities_v2.csv", "takamatsu-childcare-facilities", true));

    @Test
    void everyDropEndsPublishedOnceOrRejectedWhereverThePipelineIsKilled() throws Exception {
        long seed = Long.getLong("hiraku.crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed " + seed + " (-Dhiraku.crash.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        List<String> killedAfter = new ArrayList<>();
        for (int round = 0; killedAfter.size() < KILLS; round++) {
            Path roundDir = dir.resolve("round" + round);
            seedDrops(roundDir);
            for (int run = 0; ; run++) {
                // the first kill of a round lands in the drop's own steps (archive, journal, build), which are
                // few among the catalog's many lines; the others after any step line
                boolean dropStep = run == 0;
                int killLine = run >= KILLS_PER_ROUND ? Integer.MAX_VALUE
                        : dropStep ? 1 + random.nextInt(MAX_DROP_STEP) : 1 + random.nextInt(MAX_KILL_LINE);
                Run result = run(roundDir, killLine, dropStep ? DROP_STEP : STEP_LINE);
                System.out.printf("CrashRecoveryTest round %d run %d: %s%n", round, run, result.killed()
                        ? "killed after " + (dropStep ? "drop" : "") + " step line " + killLine + ": " + result.lastLine()
                        : "completed, exit " + result.exitCode());
                if (!result.killed()) {
                    assertThat(result.exitCode()).as("exit code of the completing run; log:%n%s", result.log())
                            .isIn(HirakuCommand.OK, HirakuCommand.REJECTED);
                    break;
                }
                killedAfter.add(result.lastLine().replaceFirst("^\\S+ \\S+\\s+", ""));
                io.hiraku.CatalogLinks.assertEveryLinkResolves(roundDir.resolve("store"), BASE,
                        "after a kill following: " + result.lastLine() + " (seed " + seed + ")");
            }
            assertEveryDropEndedOnce(roundDir, "round " + round + ", seed " + seed);
        }
        System.out.println("CrashRecoveryTest killed the pipeline " + killedAfter.size() + " times, after:");
        killedAfter.forEach(line -> System.out.println("  " + line));
        // the kills landed in every stage: archiving and building, storing the release, writing the catalog
        assertThat(killedAfter).anyMatch(l -> l.contains("Stored datasets/"));
        assertThat(killedAfter).anyMatch(l -> l.contains("Stored") && !l.contains("Stored datasets/"));
        assertThat(killedAfter).anyMatch(l -> l.startsWith("DropJournal") || l.startsWith("Drops")
                || l.startsWith("Releases"));
    }

    /** The six drops, with modification times in the order they are to be taken (oldest first). */
    private static void seedDrops(Path roundDir) throws IOException {
        Path ingest = roundDir.resolve("work/ingest");
        Path examples = Path.of("examples");
        Files.createDirectories(ingest.resolve("takamatsu"));
        Files.createDirectories(ingest.resolve("yaizu"));
        Files.copy(examples.resolve("takamatsu/0002_aed_sjis_2023-02-16.csv"),
                ingest.resolve("takamatsu/0002_aed_sjis_2023-02-16.csv"));
        Files.copy(examples.resolve("takamatsu/0078_childcare_facilities.csv"),
                ingest.resolve("takamatsu/0078_childcare_facilities.csv"));
        Files.copy(examples.resolve("yaizu/222127_public_toilet.csv"), ingest.resolve("yaizu/222127_public_toilet.csv"));
        // the toilets with a municipality code that is not six digits in one row
        String toilets = Files.readString(examples.resolve("yaizu/222127_public_toilet.csv"), StandardCharsets.UTF_8);
        String[] lines = toilets.split("\n", -1);
        lines[3] = lines[3].replaceFirst("^222127", "22212X");
        assertThat(lines[3]).startsWith("22212X");
        Files.writeString(ingest.resolve("yaizu/222127_public_toilet_broken.csv"), String.join("\n", lines),
                StandardCharsets.UTF_8);
        Files.writeString(ingest.resolve("takamatsu/budget.csv"), "項目,金額\n人件費,1000\n", StandardCharsets.UTF_8);
        // a second version of the childcare list: its last row removed
        List<String> childcare = Files.readAllLines(examples.resolve("takamatsu/0078_childcare_facilities.csv"),
                StandardCharsets.UTF_8);
        Files.write(ingest.resolve("takamatsu/0078_childcare_facilities_v2.csv"),
                childcare.subList(0, childcare.size() - 1), StandardCharsets.UTF_8);
        Instant first = Instant.now().minusSeconds(600);
        for (int i = 0; i < DROPS.size(); i++) {
            Files.setLastModifiedTime(ingest.resolve(DROPS.get(i).path()), FileTime.from(first.plusSeconds(i)));
        }
    }

    /** How a run of the pipeline ended: killed after {@code lastLine}, or exited by itself. */
    private record Run(boolean killed, int exitCode, String lastLine, String log) {
    }

    /** Runs {@code publish --once} in a child JVM and kills it (SIGKILL) right after its {@code killLine}-th step line. */
    /** Runs {@code publish --once}, killed after the {@code killLine}-th line that matches {@code steps}. */
    private static Run run(Path roundDir, int killLine, Pattern steps) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logback = Path.of(CrashRecoveryTest.class.getResource("/crash-logback.xml").toURI()).toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dlogback.configurationFile=" + logback, "-cp", System.getProperty("java.class.path"),
                HirakuCommand.class.getName(), "publish", "--once",
                "--work", roundDir.resolve("work").toString(), "--store", roundDir.resolve("store").toString(),
                "--base-url", BASE)
                .redirectErrorStream(true);
        builder.environment().put("HIRAKU_INGEST_POLL_MS", "100");
        builder.environment().put("HIRAKU_INGEST_SETTLE_MS", "0");
        builder.environment().put("HIRAKU_SEED_EXAMPLES", "false");
        Process process = builder.start();
        Deque<String> tail = new ArrayDeque<>();
        int counted = 0;
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                tail.addLast(line);
                if (tail.size() > 60) {
                    tail.removeFirst();
                }
                if (STEP_LINE.matcher(line).matches()) {
                    last = line;
                }
                if (steps.matcher(line).matches()) {
                    if (++counted == killLine) {
                        process.destroyForcibly();
                        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        return new Run(true, process.exitValue(), last, String.join("\n", tail));
                    }
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(false, process.exitValue(), last, String.join("\n", tail));
    }

    /** The end state of a round: each drop ended once, nothing left over, the store consistent. */
    private static void assertEveryDropEndedOnce(Path roundDir, String round) throws IOException {
        Path work = roundDir.resolve("work");
        Path store = roundDir.resolve("store");
        for (String department : List.of("takamatsu", "yaizu")) {
            try (Stream<Path> left = Files.list(work.resolve("ingest").resolve(department))) {
                assertThat(left.map(p -> p.getFileName().toString())).as("drop folder of %s, %s", department, round)
                        .containsExactly(Workspace.RECEIPTS);
            }
        }
        // one final receipt per drop, none pending
        Map<String, List<JsonNode>> receipts = new TreeMap<>();
        for (String department : List.of("takamatsu", "yaizu")) {
            try (Stream<Path> files = Files.list(work.resolve("ingest").resolve(department).resolve(Workspace.RECEIPTS))) {
                for (Path r : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    JsonNode receipt = JSON.readTree(r.toFile());
                    receipts.computeIfAbsent(department + "/" + receipt.path("fileName").asText(), k -> new ArrayList<>())
                            .add(receipt);
                }
            }
        }
        assertThat(receipts.keySet()).as("drops with receipts, %s", round)
                .containsExactlyInAnyOrderElementsOf(DROPS.stream().map(Drop::path).toList());
        for (Drop drop : DROPS) {
            List<JsonNode> mine = receipts.get(drop.path());
            assertThat(mine).as("receipts of %s, %s", drop.path(), round).hasSize(1);
            assertThat(mine.get(0).path("outcome").asText()).as("outcome of %s, %s", drop.path(), round)
                    .isEqualTo(drop.published() ? "published" : "rejected");
            String name = Path.of(drop.path()).getFileName().toString();
            String department = Path.of(drop.path()).getName(0).toString();
            if (!drop.published()) {
                try (Stream<Path> kept = Files.list(work.resolve("rejected").resolve(department))) {
                    assertThat(kept.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(name)))
                            .as("refused copies of %s, %s", drop.path(), round).containsExactly(name);
                }
            }
            Path dropped = Path.of("examples").resolve(drop.path());
            String sha = mine.get(0).path("sha256").asText();
            assertThat(work.resolve("archive").resolve(department).resolve(sha).resolve(name)).isRegularFile();
            if (Files.exists(dropped)) {
                assertThat(sha).isEqualTo(Sha256.of(dropped));
            }
        }
        // each dataset: exactly the releases of its history, one per published drop, in drop order
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Drop drop : DROPS) {
            if (drop.published()) {
                expected.computeIfAbsent(drop.dataset(), k -> new ArrayList<>()).add(0, Path.of(drop.path())
                        .getFileName().toString());
            }
        }
        for (Map.Entry<String, List<String>> dataset : expected.entrySet()) {
            Path folder = store.resolve("datasets").resolve(dataset.getKey());
            JsonNode history = JSON.readTree(folder.resolve("releases.json").toFile());
            List<String> originals = new ArrayList<>();
            List<String> releases = new ArrayList<>();
            history.forEach(h -> {
                originals.add(h.path("original").asText());
                releases.add(h.path("release").asText());
            });
            assertThat(originals).as("history of %s, %s", dataset.getKey(), round).isEqualTo(dataset.getValue());
            try (Stream<Path> stored = Files.list(folder.resolve("releases"))) {
                assertThat(stored.map(p -> p.getFileName().toString())).as("release folders of %s, %s",
                        dataset.getKey(), round).containsExactlyInAnyOrderElementsOf(releases);
            }
            for (int i = 0; i < releases.size(); i++) {
                if (i + 1 < releases.size()) {
                    assertThat(history.get(i).path("previousRelease").asText()).isEqualTo(releases.get(i + 1));
                    assertThat(history.get(i).path("summary").asText()).isNotEqualTo("first release");
                }
                assertChecksums(folder.resolve("releases").resolve(releases.get(i)), round);
            }
            assertChecksums(folder, round);
            JsonNode latest = JSON.readTree(folder.resolve("datapackage.json").toFile());
            assertThat(latest.path("hiraku").path("release").asText()).isEqualTo(releases.get(0));
        }
        // nothing half-done is left anywhere
        try (Stream<Path> all = Files.walk(roundDir)) {
            assertThat(all.filter(Files::isRegularFile).filter(DurableFiles::isTemporary))
                    .as("temporary files, %s", round).isEmpty();
        }
        try (Stream<Path> staged = Files.walk(work.resolve("staging"))) {
            assertThat(staged.filter(Files::isRegularFile)).as("files in staging, %s", round).isEmpty();
        }
        try (Stream<Path> journal = Files.walk(work.resolve("journal"))) {
            assertThat(journal.filter(Files::isRegularFile)).as("journal, %s", round).isEmpty();
        }
        io.hiraku.CatalogLinks.assertEveryLinkResolves(store, BASE, "at the end of " + round);
    }

    /** Every line of the folder's SHA256SUMS names a file there with that digest. */
    private static void assertChecksums(Path folder, String round) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("SHA256SUMS"), StandardCharsets.US_ASCII);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            String[] parts = line.split(" [ *]", 2);
            assertThat(Sha256.of(folder.resolve(parts[1]))).as("%s in %s, %s", parts[1], folder, round)
                    .isEqualTo(parts[0]);
        }
    }
}
