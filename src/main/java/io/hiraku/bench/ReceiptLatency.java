package io.hiraku.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How soon a department hears back: {@code run} is started as operators start it, then small drops
 * (1,000 rows of the benchmark table, about 250 kB, each with other content) are written one after
 * another with a modification time already past the settle time, and the time from writing each to
 * its receipt appearing in {@code _receipts/} is measured (a {@link WatchService}, no polling). What
 * is reported is that time less nothing: it includes the drop folders' poll interval, so it is what a
 * department waits once its copy is complete.
 */
final class ReceiptLatency {
    private ReceiptLatency() {
    }

    /** @return each drop's time from written to receipt, in seconds */
    static List<Double> measure(List<String> javaCommand, Path catalog, Path dir, int drops)
            throws IOException, InterruptedException {
        io.hiraku.publish.ReleaseWriter.deleteStaging(dir);
        Path ingest = Files.createDirectories(dir.resolve("work/ingest/bench"));
        Path receipts = Files.createDirectories(ingest.resolve("_receipts"));
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of("run", "--catalog", catalog.toString(), "--work", dir.resolve("work").toString(),
                "--store", dir.resolve("store").toString(), "--port", String.valueOf(freePort())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HIRAKU_MANAGEMENT_ENABLED", "false");
        builder.environment().put("HIRAKU_SEED_EXAMPLES", "false");
        Process process = builder.start();
        List<Double> seconds = new ArrayList<>();
        // the reader is the drain thread's to close, at the end of the stream: closing it here while that
        // thread waits in readLine would wait for the child's next line, which may never come
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            for (String line; (line = log.readLine()) != null && !line.contains("Catalog rebuilt"); ) {
                // started once the catalog has been rebuilt at start
            }
            Path runLog = dir.resolve("run.log");
            Thread drain = new Thread(() -> {
                try (log; var writer = Files.newBufferedWriter(runLog, StandardCharsets.UTF_8)) {
                    for (String line; (line = log.readLine()) != null; ) {
                        writer.write(line);
                        writer.newLine();
                        writer.flush();
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            receipts.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Path small = dir.resolve("small.csv");
            for (int i = 0; i < drops; i++) {
                FacilitiesTable.write(small, 1_000, StandardCharsets.UTF_8, FacilitiesTable.DEFAULT_SEED + i);
                Files.setLastModifiedTime(small, FileTime.from(Instant.now().minusSeconds(60)));
                long before = countReceipts(receipts);
                long written = System.nanoTime();
                Files.move(small, ingest.resolve("facilities-" + i + ".csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                while (countReceipts(receipts) == before) {
                    WatchKey key = watcher.poll(60, TimeUnit.SECONDS);
                    if (key == null) {
                        throw new IOException("no receipt within 60 s; see " + dir);
                    }
                    key.pollEvents();
                    key.reset();
                }
                seconds.add((System.nanoTime() - written) / 1e9);
            }
        } finally {
            process.toHandle().destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
        return seconds;
    }

    private static long countReceipts(Path receipts) throws IOException {
        try (var files = Files.list(receipts)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".pending.json")).count();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
