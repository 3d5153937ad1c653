package io.hiraku.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark: for each size and encoding, generates the benchmark table, then measures, each in a
 * fresh process with bin/hiraku's JVM options: the full publish of the file ({@code publish --once}: decode,
 * validate, normalize, every format, datapackage.json, SHA256SUMS, the catalog), {@code validate}
 * alone, the parse-only floor, and Miller converting it to JSON ({@code mlr --icsv --ojson cat}) as
 * the peer users would otherwise pick. Prints rows/s, MB/s, wall time and peak RSS of each and the
 * ratios publish/Miller and validate/parse-floor; writes all of it to {@code results.json}.
 */
public final class Bench {
    /** The class whose {@code main} runs Hiraku's commands in the measured child processes. */
    private static final String MAIN = "io.hiraku.app.HirakuCommand";

    private final Path workDir;
    private final List<String> jvmOptions;
    private final PrintStream out;
    private final int repeat;
    private int latencyDrops = 5;
    private List<Double> receiptSeconds = List.of();
    private List<Integer> workerCounts = List.of();
    private int workerFiles;
    private int workerRows;
    private final List<WorkerThroughput.Result> workerResults = new ArrayList<>();

    /**
     * @param repeat how many times the short measurements (parse floor, validate, Miller) run; the median
     *               run is kept, since one run on a shared 2-core machine can be off by a fifth. The
     *               publish runs once: it is the long one.
     */
    /** @param jvmOptions the options of every measured Hiraku JVM (bin/hiraku's by default), space-separated */
    public Bench(Path workDir, String jvmOptions, int repeat, PrintStream out) {
        this.workDir = workDir;
        this.jvmOptions = List.of(jvmOptions.trim().split("\\s+"));
        this.repeat = Math.max(1, repeat);
        this.out = out;
    }

    /** How many small drops the receipt latency is measured on (0: not measured). */
    public Bench latencyDrops(int drops) {
        this.latencyDrops = drops;
        return this;
    }

    /**
     * Distributed mode's throughput with each number of workers (empty: not measured), on {@code files} drops
     * of {@code rows} rows each.
     */
    public Bench workers(List<Integer> counts, int files, int rows) {
        this.workerCounts = List.copyOf(counts);
        this.workerFiles = files;
        this.workerRows = rows;
        return this;
    }

    /** One size in one encoding, all four measurements. */
    public record Case(long rows, String encoding, long bytes, List<Measurement> measurements) {
        Optional<Measurement> find(String name) {
            return measurements.stream().filter(m -> m.name().equals(name) && m.succeeded()).findFirst();
        }

        Optional<Double> ratio(String name, String over) {
            return find(name).flatMap(a -> find(over).map(b -> a.seconds() / b.seconds()));
        }
    }

    public List<Case> run(List<Long> sizes, List<String> encodings) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path catalog = catalog(workDir.resolve("catalog"));
        List<Case> cases = new ArrayList<>();
        out.printf(Locale.ROOT, "Hiraku bench: %d core(s), JVM options %s%s, Java %s, median of %d run(s), %s%n",
                Runtime.getRuntime().availableProcessors(), String.join(" ", jvmOptions),
                sharedArchive().isEmpty() ? " (no class-data sharing archive)" : " + class-data sharing archive",
                System.getProperty("java.version"),
                repeat, miller()
                        .map(m -> "Miller at " + m).orElse("Miller not installed (apt-get install miller)"));
        for (long rows : sizes) {
            for (String encoding : encodings) {
                cases.add(measure(catalog, rows, encoding));
            }
        }
        if (latencyDrops > 0) {
            out.printf(Locale.ROOT, "%n== receipt latency: %d small drops (1,000 rows, ~250 kB) into `run` ==%n", latencyDrops);
            receiptSeconds = ReceiptLatency.measure(java(), catalog, workDir.resolve("latency"), latencyDrops);
            List<Double> sorted = receiptSeconds.stream().sorted().toList();
            out.printf(Locale.ROOT, "receipt after drop: median %.2f s, slowest %.2f s (includes waiting for the next "
                    + "poll of the drop folders, hiraku.ingest.poll-ms)%n", sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1));
        }
        for (int workers : workerCounts) {
            if (workers == workerCounts.get(0)) {
                out.printf(Locale.ROOT, "%n== distributed mode: %d drops of %,d rows, one dataset each, local Kafka ==%n",
                        workerFiles, workerRows);
            }
            WorkerThroughput.Result r = WorkerThroughput.measure(java(), workDir.resolve("workers-" + workers), workers,
                    workerFiles, workerRows);
            workerResults.add(r);
            out.printf(Locale.ROOT, "%d worker(s): %d files, %,d rows in %.2f s: %.2f files/s, %,.0f rows/s%s%n",
                    r.workers(), r.files(), r.rows(), r.seconds(), r.filesPerSecond(), r.rowsPerSecond(),
                    workerResults.size() > 1 ? String.format(Locale.ROOT, " (%.2f× %d worker(s))",
                            r.rowsPerSecond() / workerResults.get(0).rowsPerSecond(), workerResults.get(0).workers()) : "");
        }
        return cases;
    }

    /** Distributed mode's throughput by number of workers, as measured by the last {@link #run}. */
    public List<WorkerThroughput.Result> workerResults() {
        return workerResults;
    }

    /** The receipt latencies measured by the last {@link #run}, in seconds (empty if not measured). */
    public List<Double> receiptSeconds() {
        return receiptSeconds;
    }

    private Case measure(Path catalog, long rows, String encoding) throws IOException, InterruptedException {
        String label = rows + "-" + encoding.toLowerCase(Locale.ROOT);
        Path dir = Files.createDirectories(workDir.resolve(label));
        Path file = dir.resolve("facilities.csv");
        out.printf(Locale.ROOT, "%n== %,d rows, %s ==%n", rows, encoding);
        long started = System.nanoTime();
        FacilitiesTable.write(file, rows, Charset.forName(encoding), FacilitiesTable.DEFAULT_SEED);
        long bytes = Files.size(file);
        out.printf(Locale.ROOT, "generated %s (%.1f MB) in %.1f s%n", file, bytes / 1e6, (System.nanoTime() - started) / 1e9);

        List<Measurement> measurements = new ArrayList<>();
        measurements.add(median(() -> parseFloor(file, rows, bytes, dir)));
        measurements.add(median(() -> validate(catalog, file, rows, bytes, dir)));
        measurements.add(median(() -> publish(catalog, file, rows, bytes, dir)));
        Optional<Path> mlr = miller();
        if (mlr.isPresent()) {
            measurements.add(median(() -> ProcessMeter.runDiscardingOutput("miller", List.of(mlr.get().toString(),
                    "--icsv", "--ojson", "cat", file.toString()), rows, bytes, dir.resolve("miller.log"))));
        }
        for (Measurement m : measurements) {
            out.printf(Locale.ROOT, "%-12s %8.2f s %12s rows/s %8.1f MB/s  peak RSS %6.0f MiB%s%n", m.name(), m.seconds(),
                    String.format(Locale.ROOT, "%,.0f", m.rowsPerSecond()), m.megabytesPerSecond(), m.peakRssMebibytes(),
                    m.succeeded() ? "" : "  FAILED (exit " + m.exitCode() + ", see " + dir + "/" + m.name() + ".log)");
        }
        Case result = new Case(rows, encoding, bytes, measurements);
        result.ratio("publish", "miller").ifPresent(r -> out.printf(Locale.ROOT, "publish / Miller       %.2f×%n", r));
        result.ratio("validate", "parse-floor").ifPresent(r -> out.printf(Locale.ROOT, "validate / parse floor %.2f×%n", r));
        Files.delete(file);
        return result;
    }

    /** One measurement that can be repeated. */
    private interface Run {
        Measurement once() throws IOException, InterruptedException;
    }

    /** The median of {@code repeat} runs by wall time (a failed run is returned at once). */
    private Measurement median(Run run) throws IOException, InterruptedException {
        List<Measurement> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Measurement m = run.once();
            if (!m.succeeded()) {
                return m;
            }
            runs.add(m);
        }
        runs.sort(java.util.Comparator.comparingDouble(Measurement::seconds));
        return runs.get(runs.size() / 2);
    }

    private Measurement parseFloor(Path file, long rows, long bytes, Path dir) throws IOException, InterruptedException {
        return ProcessMeter.run("parse-floor", java("bench-parse", file.toString()), rows, bytes, dir.resolve("parse-floor.log"));
    }

    private Measurement validate(Path catalog, Path file, long rows, long bytes, Path dir)
            throws IOException, InterruptedException {
        return ProcessMeter.run("validate", java("validate", "--catalog", catalog.toString(),
                "--store", dir.resolve("validate-store").toString(), "--dataset", "facilities", file.toString()),
                rows, bytes, dir.resolve("validate.log"));
    }

    /** {@code publish --once} of the file dropped (hard-linked, not copied) into a fresh work folder. */
    private Measurement publish(Path catalog, Path file, long rows, long bytes, Path dir)
            throws IOException, InterruptedException {
        Path work = dir.resolve("publish-work");
        io.hiraku.publish.ReleaseWriter.deleteStaging(work); // a folder and everything in it
        io.hiraku.publish.ReleaseWriter.deleteStaging(dir.resolve("store"));
        Path drop = Files.createDirectories(work.resolve("ingest/bench")).resolve("facilities.csv");
        Files.deleteIfExists(drop);
        Files.createLink(drop, file);
        Measurement m = ProcessMeter.run("publish", java("publish", "--once", "--catalog", catalog.toString(),
                "--work", work.toString(), "--store", dir.resolve("store").toString()), rows, bytes, dir.resolve("publish.log"));
        return m;
    }

    private List<String> java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(sharedArchive());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The class-data sharing options bin/hiraku adds: target/hiraku.jsa next to the jar, while it is newer
     * than the jar (none when the bench runs from classes, or the archive was not made).
     */
    static List<String> sharedArchive() {
        String classPath = System.getProperty("java.class.path");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return List.of();
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        Path archive = jar.resolveSibling("hiraku.jsa");
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
        } catch (IOException e) {
            // no archive then
        }
        return List.of();
    }

    /** A catalog of one department, bench, with the benchmark table's definition. */
    static Path catalog(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("datasets/bench"));
        Files.writeString(dir.resolve("catalog.yaml"), """
                title: {ja: ひらく ベンチマーク, en: Hiraku benchmark}
                description: {ja: 性能測定用のカタログ, en: The benchmark's catalog}
                publisher: {ja: ひらく, en: Hiraku}
                baseUrl: http://localhost:8080
                license: https://creativecommons.org/publicdomain/zero/1.0/
                contact: {name: Hiraku, email: bench@hiraku.example}
                departments:
                  - id: bench
                    name: {ja: ベンチマーク, en: Benchmark}
                """);
        try (InputStream in = Bench.class.getResourceAsStream("/bench/facilities.yaml")) {
            Files.copy(in, dir.resolve("datasets/bench/facilities.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    static Optional<Path> miller() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path mlr = Path.of(dir, "mlr");
            if (Files.isExecutable(mlr)) {
                return Optional.of(mlr);
            }
        }
        return Optional.empty();
    }

    /** The results as JSON, for comparing runs. */
    public static void writeJson(List<Case> cases, List<Double> receiptSeconds, List<WorkerThroughput.Result> workers,
                                 String jvmOptions, int repeat, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("date", Instant.now().toString());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("jvmOptions", jvmOptions);
        root.put("classDataSharingArchive", !sharedArchive().isEmpty());
        root.put("medianOf", repeat);
        root.put("java", System.getProperty("java.version"));
        root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ArrayNode latencies = root.putArray("receiptSeconds");
        receiptSeconds.forEach(latencies::add);
        ArrayNode distributed = root.putArray("workers");
        for (WorkerThroughput.Result r : workers) {
            distributed.addObject().put("workers", r.workers()).put("files", r.files()).put("rows", r.rows())
                    .put("seconds", r.seconds()).put("filesPerSecond", r.filesPerSecond())
                    .put("rowsPerSecond", r.rowsPerSecond());
        }
        ArrayNode list = root.putArray("cases");
        for (Case c : cases) {
            ObjectNode node = list.addObject();
            node.put("rows", c.rows());
            node.put("encoding", c.encoding());
            node.put("bytes", c.bytes());
            ArrayNode ms = node.putArray("measurements");
            for (Measurement m : c.measurements()) {
                ms.addObject().put("name", m.name()).put("seconds", m.seconds())
                        .put("rowsPerSecond", m.rowsPerSecond()).put("megabytesPerSecond", m.megabytesPerSecond())
                        .put("peakRssBytes", m.peakRssBytes()).put("exitCode", m.exitCode()).put("command", m.command());
            }
            c.ratio("publish", "miller").ifPresent(r -> node.put("publishOverMiller", r));
            c.ratio("validate", "parse-floor").ifPresent(r -> node.put("validateOverParseFloor", r));
        }
        Files.createDirectories(file.getParent());
        json.writeValue(file.toFile(), root);
    }
}
