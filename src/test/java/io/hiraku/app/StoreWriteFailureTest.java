package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local store cannot take a release. Its disk full: a drop is not failed for it (nothing is wrong with
 * the file); it waits with a "pending" receipt that says the store is full, and is published by itself
 * once the open-data team frees space, with nothing half-written left in the store (the store is a small
 * tmpfs mounted for the test, so the disk really is full). A store that refuses to be written: the drop
 * fails after its retries, with its receipt, kept in failed/, and its staged release is removed. Both
 * need root (mount, chattr), as CI runs them.
 */
class StoreWriteFailureTest {
    @TempDir
    Path dir;

    private Path mounted;
    private Path immutable;

    @AfterEach
    void undo() throws Exception {
        System.clearProperty(Settings.STORE_RETRY_MAX_MS);
        if (mounted != null) {
            run("umount", "-l", mounted.toString());
        }
        if (immutable != null) {
            run("chattr", "-i", immutable.toString());
        }
    }

    @Test
    void aStoreThatRefusesTheWriteFailsTheDropWithItsReceiptAndLeavesNothingStaged() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path datasets = Files.createDirectories(store.resolve("datasets"));
        String said = run("chattr", "+i", datasets.toString());
        Assumptions.assumeTrue(said == null, "cannot make a folder immutable here (root only): " + said);
        immutable = datasets;
        System.setProperty(Settings.STORE_RETRY_MAX_MS, "500");
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), drop.resolve("222127_public_toilet.csv"));

        int exit = HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", store.toString());

        assertThat(exit).isNotEqualTo(HirakuCommand.OK);
        List<Path> receipts = named(drop.resolve("_receipts"), ".json");
        assertThat(receipts).hasSize(1);
        assertThat(Files.readString(receipts.get(0), StandardCharsets.UTF_8))
                .contains("\"outcome\" : \"failed\"", "datasets/yaizu-public-toilets");
        assertThat(work.resolve("failed/yaizu/222127_public_toilet.csv")).exists();
        assertThat(drop.resolve("222127_public_toilet.csv")).doesNotExist();
        try (Stream<Path> staged = Files.walk(work.resolve("staging"))) {
            assertThat(staged.filter(Files::isRegularFile)).as("staged files left").isEmpty();
        }
    }

    @Test
    void aDropWaitsWhileTheStoreIsFullAndIsPublishedOnceSpaceIsFreed() throws Exception {
        Path store = Files.createDirectories(dir.resolve("store"));
        String said = run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", store.toString());
        Assumptions.assumeTrue(said == null, "cannot mount a small file system here (root only): " + said);
        mounted = store;
        Path filler = store.resolve("filler");
        fill(filler);
        System.setProperty(Settings.STORE_RETRY_MAX_MS, "500");
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), drop.resolve("222127_public_toilet.csv"));

        CompletableFuture<Integer> publishing = CompletableFuture.supplyAsync(() -> HirakuCommand.execute(
                "publish", "--once", "--work", work.toString(), "--store", store.toString()));

        Path receipts = drop.resolve("_receipts");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> named(receipts, ".pending.json").size() == 1
                && named(receipts, ".pending.html").size() == 1);
        String pending = Files.readString(named(receipts, ".pending.json").get(0), StandardCharsets.UTF_8);
        assertThat(pending).contains("\"outcome\" : \"pending\"", "the object store is full",
                "公開先の保存場所の容量が足りない");
        Path pendingHtml = named(receipts, ".pending.html").get(0);
        assertThat(org.jsoup.Jsoup.parse(Files.readString(pendingHtml, StandardCharsets.UTF_8)).select("main div p strong")
                .eachText()).as("the heading a department reads first").containsExactly("公開を待っています。ファイルは保管済みです。",
                        "Waiting to be published; the file is kept.");
        assertThat(publishing).isNotDone();
        assertThat(drop.resolve("222127_public_toilet.csv")).exists();

        Files.delete(filler);   // the open-data team frees space
        assertThat(publishing.get(120, TimeUnit.SECONDS)).isEqualTo(HirakuCommand.OK);

        assertThat(named(receipts, ".pending.json")).isEmpty();
        List<Path> finals = named(receipts, ".json");
        assertThat(finals).hasSize(1);
        assertThat(Files.readString(finals.get(0), StandardCharsets.UTF_8)).contains("\"outcome\" : \"published\"");
        assertThat(store.resolve("datasets/yaizu-public-toilets/datapackage.json")).exists();
        assertThat(Files.readString(store.resolve("catalog.ttl"), StandardCharsets.UTF_8)).contains("yaizu-public-toilets");
        try (Stream<Path> files = Files.walk(store)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).as("temporary files left").noneMatch(p -> p.getFileName().toString().startsWith(".hiraku-"));
            assertThat(all.stream().filter(p -> p.getFileName().toString().endsWith(".meta")))
                    .as("metadata whose object is missing").isNotEmpty().allMatch(p -> Files.exists(p.resolveSibling(p.getFileName().toString()
                            .replaceFirst("^\\.", "").replaceFirst("\\.meta$", ""))));
        }
    }

    /** Writes until the disk refuses: the store has no room left at all. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }

    private static List<Path> named(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)
                    && (suffix.equals(".pending.json") || !p.getFileName().toString().endsWith(".pending.json"))).toList();
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? null : "exit " + process.exitValue() + ": " + said;
    }
}
