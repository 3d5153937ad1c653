package io.hiraku.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Distributed mode's throughput on this machine, with one and with more workers: a local Kafka broker, one
 * node reading the drop folder and keeping the catalog, and N worker JVMs, all started as operators start
 * them ({@code run} with {@code HIRAKU_MODE=distributed}). After one warm-up drop, a batch of files of the
 * benchmark table, each for a dataset of its own (up to 64; the dataset is the unit Kafka spreads over
 * workers, by a hash of its id, so the spread is only even over many datasets), is dropped at once,
 * and the time until the last receipt is measured. On a 2-core machine the workers share the cores with the
 * ingest node and the broker, so two workers show what parallel releases gain here, not on two machines.
 */
final class WorkerThroughput {
    /** Files are spread over this many datasets at most (each dataset's releases are one worker's at a time). */
    private static final int MAX_DATASETS = 64;

    /** One run: how many workers, files and rows, and how long from the drop to the last receipt. */
    public record Result(int workers, int files, long rows, double seconds) {
        public double filesPerSecond() {
            return files / seconds;
        }

        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private WorkerThroughput() {
    }

    static Result measure(List<String> javaCommand, Path dir, int workers, int files, int rowsPerFile)
            throws IOException, InterruptedException {
        io.hiraku.publish.ReleaseWriter.deleteStaging(dir);
        int datasets = Math.max(1, Math.min(files, MAX_DATASETS));
        Path catalog = catalog(dir.resolve("catalog"), datasets);
        Path ingest = Files.createDirectories(dir.resolve("ingest/bench"));
        Path receipts = Files.createDirectories(ingest.resolve("_receipts"));
        List<Process> nodes = new ArrayList<>();
        try (LocalKafka.Process kafka = LocalKafka.launch(dir.resolve("kafka"), 0, dir.resolve("kafka.log"))) {
            Map<String, String> shared = Map.of("HIRAKU_MODE", "distributed", "HIRAKU_KAFKA_BROKERS", kafka.bootstrapServers(),
                    "HIRAKU_SHARED_ARCHIVE", dir.resolve("shared-archive").toString(),
                    "HIRAKU_INGEST", dir.resolve("ingest").toString(), "HIRAKU_MANAGEMENT_ENABLED", "false",
                    "HIRAKU_SEED_EXAMPLES", "false", "HIRAKU_CATALOG_BATCH_MS", "500");
            nodes.add(node(javaCommand, catalog, dir, "ingest-node", "ingest,builder", shared));
            for (int i = 1; i <= workers; i++) {
                nodes.add(node(javaCommand, catalog, dir, "worker-" + i, "worker", shared));
            }
            // warm-up: every worker has joined the group and one release has gone through
            Path staged = Files.createDirectories(dir.resolve("staged"));
            drop(staged, ingest, "facilities-1_warm-up.csv", 1_000, -1);
            awaitReceipts(receipts, 1, dir);
            List<Path> batch = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                Path file = staged.resolve(String.format("facilities-%d_%03d.csv", f % datasets + 1, f));
                FacilitiesTable.write(file, rowsPerFile, StandardCharsets.UTF_8, FacilitiesTable.DEFAULT_SEED + f);
                batch.add(file);
            }
            long started = System.nanoTime();
            for (Path file : batch) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
                Files.move(file, ingest.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            awaitReceipts(receipts, 1 + files, dir);
            return new Result(workers, files, (long) files * rowsPerFile, (System.nanoTime() - started) / 1e9);
        } finally {
            for (Process node : nodes) {
                node.destroy();
            }
            for (Process node : nodes) {
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
        }
    }

    private static Process node(List<String> javaCommand, Path catalog, Path dir, String name, String roles,
                                Map<String, String> shared) throws IOException {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of("run", "--catalog", catalog.toString(), "--work", dir.resolve(name).toString(),
                "--store", dir.resolve("store").toString(), "--port", String.valueOf(LocalKafka.freePort())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(shared);
        builder.environment().put("HIRAKU_ROLES", roles);
        return builder.start();
    }

    private static void drop(Path staged, Path ingest, String name, int rows, int seed) throws IOException {
        Path file = staged.resolve(name);
        FacilitiesTable.write(file, rows, StandardCharsets.UTF_8, FacilitiesTable.DEFAULT_SEED + seed);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        Files.move(file, ingest.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitReceipts(Path receipts, long count, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (countReceipts(receipts) < count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + countReceipts(receipts) + " of " + count + " receipts within 10 minutes; see "
                        + dir);
            }
            Thread.sleep(50);
        }
    }

    private static long countReceipts(Path receipts) throws IOException {
        try (var files = Files.list(receipts)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".pending.json")).count();
        }
    }

    /** The benchmark catalog with copies of the benchmark table's definition, one per dataset. */
    private static Path catalog(Path dir, int count) throws IOException {
        Bench.catalog(dir);
        Path datasets = dir.resolve("datasets/bench");
        String definition;
        try (InputStream in = Bench.class.getResourceAsStream("/bench/facilities.yaml")) {
            definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.delete(datasets.resolve("facilities.yaml"));
        for (int d = 1; d <= count; d++) {
            Files.writeString(datasets.resolve("facilities-" + d + ".yaml"),
                    definition.replace("files: [\"facilities*.csv\"]", "files: [\"facilities-" + d + "_*.csv\"]"));
        }
        return dir;
    }
}
