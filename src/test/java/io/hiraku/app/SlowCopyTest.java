package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file still being copied is never read half-written: a slow copy (the public toilets, 112 rows,
 * appended a few rows every 100 ms for about three seconds, as a copy over a slow network share would)
 * is published once, whole, after it stopped changing for the settle time.
 */
class SlowCopyTest {
    @TempDir
    Path dir;

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceComplete() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("examples/yaizu/222127_public_toilet.csv"), StandardCharsets.UTF_8);
        Path drop = Files.createDirectories(dir.resolve("work/ingest/yaizu")).resolve("222127_public_toilet.csv");
        Files.write(drop, lines.subList(0, 5), StandardCharsets.UTF_8);
        AtomicInteger written = new AtomicInteger(5);
        ScheduledExecutorService copier = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> copied = new CompletableFuture<>();
        copier.scheduleAtFixedRate(() -> {
            try {
                int from = written.get();
                int to = Math.min(lines.size(), from + 4);
                Files.write(drop, lines.subList(from, to), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                written.set(to);
                if (to == lines.size()) {
                    copied.complete(null);
                    copier.shutdown();
                }
            } catch (Exception e) {
                copied.completeExceptionally(e);
                copier.shutdown();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);

        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--store", dir.resolve("store").toString(), "--timeout", "120");
        assertThat(copied).isCompleted();
        assertThat(exit).isEqualTo(HirakuCommand.OK);
        JsonNode receipt;
        try (Stream<Path> receipts = Files.list(dir.resolve("work/ingest/yaizu/_receipts"))) {
            List<Path> json = receipts.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).hasSize(1);
            receipt = new ObjectMapper().readTree(json.get(0).toFile());
        }
        assertThat(receipt.path("outcome").asText()).isEqualTo("published");
        assertThat(receipt.path("report").path("rows").asLong()).isEqualTo(lines.size() - 1);
        assertThat(receipt.path("bytes").asLong()).isEqualTo(Files.size(dir.resolve("work/archive/yaizu")
                .resolve(receipt.path("sha256").asText()).resolve("222127_public_toilet.csv")));
    }
}
