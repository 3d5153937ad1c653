package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.bench.LocalKafka;
import io.hiraku.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Distributed mode on real parts: a Kafka broker (KRaft, 127.0.0.1), S3Proxy as the published store and the
 * shared archive, one Hiraku node taking the drops and building the catalog (in this JVM), and two workers,
 * each a JVM of its own running {@code hiraku run}. 200 files for 50 datasets arrive at once, half of the
 * datasets in a drop folder, half uploaded to an ingest bucket (their receipts written back there by the
 * workers); one worker is killed (SIGKILL) half-way. Every file must be published exactly once, each dataset's releases
 * in drop order, and the catalog must list every dataset and link only what is there.
 */
class DistributedModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DATASETS = 50;
    private static final int VERSIONS = 4;
    /** How long the catalog node gathers release events before a rebuild. */
    private static final long BATCH_MS = 1000;
    private static final Map<String, String> AWS = Map.of("aws.accessKeyId", S3Server.ACCESS_KEY,
            "aws.secretAccessKey", S3Server.SECRET_KEY);

    @TempDir
    Path dir;

    private LocalKafka broker;
    private S3Server s3;
    private S3Client client;
    private final List<Main> nodes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        AWS.forEach(System::setProperty);
        broker = LocalKafka.start(dir.resolve("kafka"), 0);
        s3 = new S3Server();
        s3.createBucket("open-data");
        s3.createBucket("hiraku-archive");
        s3.createBucket("city-ingest");
        client = s3.client();
        catalog(dir.resolve("catalog"));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process worker : workers) {
            worker.destroy();
            if (!worker.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor();
            }
        }
        for (Main node : nodes) {
            node.stop();
        }
        client.close();
        s3.close();
        broker.close();
        AWS.keySet().forEach(System::clearProperty);
    }

    @Test
    void everyDropIsPublishedOnceInDropOrderWhenAWorkerIsKilledHalfWayAndTheCatalogListsEveryDataset()
            throws Exception {
        nodes.add(node("ingest", "ingest,builder"));
        Process doomed = worker("worker-a");
        Process survivor = worker("worker-b");

        Path drops = Files.createDirectories(dir.resolve("ingest/city"));
        long dropped = System.nanoTime();
        Instant base = Instant.now().minusSeconds(3600);
        for (int v = 1; v <= VERSIONS; v++) {
            for (int d = 1; d <= DATASETS; d++) {
                String name = String.format("ds-%02d_v%d.csv", d, v);
                if (uploaded(d)) {
                    client.putObject(b -> b.bucket("city-ingest").key("drops/city/" + name),
                            software.amazon.awssdk.core.sync.RequestBody.fromString(csv(d, v)));
                } else {
                    Path file = Files.writeString(drops.resolve(name), csv(d, v));
                    // the order the department dropped them in: versions one after another
                    Files.setLastModifiedTime(file, FileTime.from(base.plusSeconds(v * 100L + d)));
                }
            }
        }
        int total = DATASETS * VERSIONS;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() <= 100) {
                        System.err.println(workerLogs());
                    }
                })
                .until(() -> receipts(".json").size() >= total / 2);
        // the work still queued shows on the ingest node's metrics (consumer lag)
        double backlogHalfWay = backlog();
        doomed.destroyForcibly().waitFor();
        int doneWhenKilled = receipts(".json").size();

        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(receipts(".json")).hasSize(total);
            assertThat(receipts(".pending.json")).isEmpty();
            assertThat(packageList()).hasSize(DATASETS);
            for (int d = 1; d <= DATASETS; d++) {
                assertThat(history(id(d))).as(id(d)).hasSize(VERSIONS);
            }
        });
        // both workers worked, and the survivor finished what the killed one held
        assertThat(Files.readString(dir.resolve("worker-a.log"))).contains("Working on");
        assertThat(Files.readString(dir.resolve("worker-b.log"))).contains("Working on");
        assertThat(doneWhenKilled).isLessThan(total);
        assertThat(survivor.isAlive()).isTrue();
        assertThat(backlogHalfWay).isPositive();
        // bursts of releases were rebuilt together: at most one rebuild a batch interval (and the one at
        // start), so fewer rebuilds than releases however fast the workers were
        double seconds = (System.nanoTime() - dropped) / 1e9;
        double rebuilds = meters().get("hiraku.catalog.rebuilds").counter().count();
        assertThat(rebuilds).isGreaterThanOrEqualTo(1.0).isLessThanOrEqualTo(seconds / (BATCH_MS / 1000.0) + 2)
                .isLessThan(total);
        await().atMost(Duration.ofSeconds(10)).until(() -> backlog() == 0.0);

        for (int d = 1; d <= DATASETS; d++) {
            JsonNode history = history(id(d));
            List<String> originals = new ArrayList<>();
            List<String> releases = new ArrayList<>();
            history.forEach(e -> {
                originals.add(e.path("original").asText());
                releases.add(e.path("release").asText());
            });
            // newest first: the last version dropped is the latest, each release follows the one dropped before
            assertThat(originals).as(id(d)).containsExactly(String.format("ds-%02d_v4.csv", d),
                    String.format("ds-%02d_v3.csv", d), String.format("ds-%02d_v2.csv", d), String.format("ds-%02d_v1.csv", d));
            assertThat(releases).as(id(d)).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
            for (int i = 0; i + 1 < history.size(); i++) {
                assertThat(history.get(i).path("previousRelease").asText()).isEqualTo(releases.get(i + 1));
            }
            // exactly once: one release folder per version, no second build of any
            assertThat(releaseFolders(id(d))).as(id(d)).containsExactlyInAnyOrderElementsOf(releases);
            // the latest holds the last version's rows
            assertThat(object("site/datasets/" + id(d) + "/" + id(d) + ".csv").orElseThrow()).contains("v4-row-3");
        }
        // a receipt for every file: published, or (the killed worker published it and stopped before its
        // receipt) found published when its work came again
        // a receipt for each file where it was dropped, none left pending, every upload taken from the bucket
        List<JsonNode> receipts = receiptJson();
        assertThat(receipts).hasSize(total);
        assertThat(receipts.stream().map(r -> r.path("fileName").asText()).distinct()).hasSize(total);
        assertThat(client.listObjectsV2Paginator(b -> b.bucket("city-ingest").prefix("drops/city/")).contents().stream()
                .map(o -> o.key()).filter(k -> !k.startsWith("drops/city/_receipts/"))).isEmpty();
        for (JsonNode receipt : receipts) {
            assertThat(receipt.path("outcome").asText()).as(receipt.path("fileName").asText())
                    .isIn("published", "unchanged");
        }
        // each place's list (_receipts/index.html) names every receipt there, and no pending one, though three
        // processes wrote it at once (the ingest node its pending receipts, the workers the final ones)
        List<String> inFolder = folderReceipts(".json").stream().map(p -> p.getFileName().toString()).toList();
        assertThat(listed(Files.newInputStream(dir.resolve("ingest/city/_receipts/index.html"))))
                .containsExactlyInAnyOrderElementsOf(inFolder);
        assertThat(listed(client.getObjectAsBytes(b -> b.bucket("city-ingest").key("drops/city/_receipts/index.html"))
                .asInputStream())).containsExactlyInAnyOrderElementsOf(receipts(".json").stream()
                .filter(k -> k.startsWith("drops/")).map(k -> k.substring("drops/city/_receipts/".length())).toList());
        // nothing the catalog links is missing
        JsonNode packages = JSON.readTree(object("site/api/3/action/current_package_list_with_resources").orElseThrow());
        assertThat(packages.path("result")).hasSize(DATASETS);
        int links = 0;
        for (JsonNode pkg : packages.path("result")) {
            for (JsonNode resource : pkg.path("resources")) {
                String url = resource.path("url").asText();
                assertThat(url).startsWith("https://data.example.test/");
                assertThat(object("site/" + url.substring("https://data.example.test/".length()))).as(url).isPresent();
                links++;
            }
        }
        assertThat(links).isGreaterThanOrEqualTo(DATASETS * 3);
    }

    @Test
    void aWorkEventWhoseOriginalIsNotInTheSharedArchiveEndsWithAFailedReceiptForTheDepartment() throws Exception {
        nodes.add(node("worker-c", "worker"));
        WorkEvent event = new WorkEvent("city", "ds-01_v1.csv", "2026-11-27T09:00:00Z", "0".repeat(64), 88, "ds-01",
                "2026-11-27T09:00:00.001Z", "originals/city/" + "0".repeat(64) + "/ds-01_v1.csv", "FOLDER");
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.StringSerializer"))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("hiraku-work", "ds-01", event.toJson())).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !receipts(".json").isEmpty());
        JsonNode receipt = receiptJson().get(0);
        assertThat(receipt.path("outcome").asText()).isEqualTo("failed");
        assertThat(receipt.path("fileName").asText()).isEqualTo("ds-01_v1.csv");
        assertThat(receipt.path("messageEn").asText()).contains("not in the shared archive");
    }

    @Test
    void aFileAWorkerRefusesIsKeptInTheSharedArchiveWithEveryOtherRefusal() throws Exception {
        nodes.add(node("all", "ingest,worker,builder"));
        Path drops = Files.createDirectories(dir.resolve("ingest/city"));
        String first = "id,name\n1,one\nx,two\n";
        String second = "id,name\n1,one\n2,two\nthree,three\n";
        Files.writeString(drops.resolve("ds-01_v1.csv"), first);
        await().atMost(Duration.ofSeconds(60)).until(() -> receipts(".json").size() == 1);
        Files.writeString(drops.resolve("ds-01_v1.csv"), second);
        await().atMost(Duration.ofSeconds(60)).until(() -> receipts(".json").size() == 2);

        assertThat(receiptJson()).extracting(r -> r.path("outcome").asText()).containsOnly("rejected");
        // each refused file with its receipt (the copy of the receipt is written after the department's own)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(refusals())
                .filteredOn(k -> k.endsWith(".json") || k.endsWith(".html")).hasSize(4));
        List<String> kept = refusals().stream().filter(k -> k.endsWith(".csv")).toList();
        assertThat(kept).hasSize(2).contains("shared/rejected/city/ds-01_v1.csv");
        assertThat(client.getObjectAsBytes(b -> b.bucket("hiraku-archive").key("shared/rejected/city/ds-01_v1.csv"))
                .asUtf8String()).isEqualTo(first);
        String later = kept.stream().filter(k -> !k.endsWith("/ds-01_v1.csv")).findFirst().orElseThrow();
        assertThat(later).endsWith("_ds-01_v1.csv");
        assertThat(client.getObjectAsBytes(b -> b.bucket("hiraku-archive").key(later)).asUtf8String()).isEqualTo(second);
        try (Stream<Path> local = Files.walk(dir.resolve("all/rejected"))) {
            assertThat(local.filter(Files::isRegularFile)).as("nothing left on the worker's disk").isEmpty();
        }
    }

    @Test
    void aWorkerThatWaitedForTheStoreLongerThanKafkaAllowsEndsWithTheReceiptItEarned() throws Exception {
        Map<String, String> settings = settings("all", "ingest,worker,builder");
        // the originals in a folder, so that only publishing waits for the store
        settings.put(Settings.SHARED_ARCHIVE, dir.resolve("shared-archive").toString());
        settings.remove(Settings.INGEST_STORE);
        settings.put(Settings.STORE_RETRY_MAX_MS, "1000");
        settings.put("hiraku.kafka.max-poll-interval-ms", "4000");
        nodes.add(new PipelineRunner(Settings.load(settings)).start());
        s3.stop();
        Files.writeString(Files.createDirectories(dir.resolve("ingest/city")).resolve("ds-01_v1.csv"), csv(1, 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> !folderReceipts(".pending.json").isEmpty());
        // the worker holds the event past max.poll.interval.ms: Kafka takes its partitions back
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeConsumerGroups(List.of("hiraku-workers"))
                    .all().get().get("hiraku-workers").members().isEmpty());
        }
        s3.restart();

        await().atMost(Duration.ofSeconds(60)).until(() -> folderReceipts(".json").size() == 1
                && folderReceipts(".pending.json").isEmpty());
        // delivered again once the worker polls: the same release, found published
        await().atMost(Duration.ofSeconds(60)).until(() -> ended("unchanged") + ended("published") >= 2);
        assertThat(ended("failed")).as("no failed receipt, even for a moment").isZero();
        assertThat(JSON.readTree(folderReceipts(".json").get(0).toFile()).path("outcome").asText()).isIn("published", "unchanged");
        assertThat(history("ds-01")).hasSize(1);
    }

    /** What the shared archive keeps of the refusals of the department "city". */
    private List<String> refusals() {
        return client.listObjectsV2Paginator(b -> b.bucket("hiraku-archive").prefix("shared/rejected/city/"))
                .contents().stream().map(o -> o.key()).toList();
    }

    /** How many receipts with this outcome the node wrote (hiraku.files.ended). */
    private double ended(String outcome) {
        return meters().find("hiraku.files.ended").tag("outcome", outcome).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** The end of each worker's log, for a failure's message. */
    private String workerLogs() {
        StringBuilder all = new StringBuilder();
        for (String name : List.of("worker-a", "worker-b")) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name + ".log"));
                all.append("== ").append(name).append(" (last 40 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))).append('\n');
            } catch (java.io.IOException e) {
                all.append("== ").append(name).append(": no log (").append(e.getMessage()).append(")\n");
            }
        }
        return all.toString();
    }

    /** hiraku.work.backlog as the ingest node's /observe/metrics gives it. */
    private double backlog() {
        return meters().get("hiraku.work.backlog").gauge().value();
    }

    private io.micrometer.core.instrument.MeterRegistry meters() {
        return nodes.get(0).getCamelContext().getRegistry()
                .lookupByNameAndType("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
    }

    private Main node(String name, String roles) throws Exception {
        return new PipelineRunner(Settings.load(settings(name, roles))).start();
    }

    /** A worker in a JVM of its own, as an operator starts one: {@code hiraku run} with its settings. */
    private Process worker(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC"));
        settings(name, "worker").forEach((k, v) -> command.add("-D" + k + "=" + v));
        AWS.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HirakuCommand.class.getName(), "run"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        workers.add(process);
        return process;
    }

    private Map<String, String> settings(String name, String roles) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.WORK, dir.resolve(name).toString());
        settings.put(Settings.INGEST, dir.resolve("ingest").toString());
        settings.put(Settings.CATALOG, dir.resolve("catalog").toString());
        settings.put(Settings.STORE, "s3://open-data/site");
        settings.put(Settings.SHARED_ARCHIVE, "s3://hiraku-archive/shared");
        settings.put(Settings.INGEST_STORE, "s3://city-ingest/drops");
        settings.put(Settings.S3_ENDPOINT, s3.endpoint().toString());
        settings.put(Settings.S3_PATH_STYLE, "true");
        settings.put(Settings.MODE, "distributed");
        settings.put(Settings.ROLES, roles);
        settings.put(Settings.KAFKA_BROKERS, broker.bootstrapServers());
        settings.put(Settings.KAFKA_WORK_PARTITIONS, "6");
        settings.put("hiraku.catalog.batch-ms", String.valueOf(BATCH_MS));
        settings.put(Settings.SEED_EXAMPLES, "false");
        settings.put(Settings.POLL_MS, "200");
        settings.put(Settings.SETTLE_MS, "200");
        settings.put(Settings.MANAGEMENT_ENABLED, "false");
        // a killed worker's partitions go to the other one after this long
        settings.put("hiraku.kafka.session-timeout-ms", "6000");
        return settings;
    }

    private static void catalog(Path catalog) throws Exception {
        Files.createDirectories(catalog.resolve("datasets/city"));
        Files.writeString(catalog.resolve("catalog.yaml"), """
                title: {ja: テスト市オープンデータ, en: Test City open data}
                description: {ja: 分散モードの試験, en: Distributed mode test}
                publisher: {ja: テスト市, en: Test City}
                baseUrl: https://data.example.test
                license: https://creativecommons.org/licenses/by/4.0/
                contact: {name: 情報政策課, email: opendata@example.test}
                departments:
                  - id: city
                    name: {ja: 市民課, en: Citizens' Division}
                """);
        for (int d = 1; d <= DATASETS; d++) {
            Files.writeString(catalog.resolve("datasets/city/" + id(d) + ".yaml"), """
                    title: {ja: データセット%1$d, en: Dataset %1$d}
                    description: {ja: 試験用のデータセット%1$d, en: Test dataset %1$d}
                    keywords: {ja: [試験], en: [test]}
                    source: {files: ["ds-%1$02d_*.csv"]}
                    schema:
                      fields:
                        - {name: id, type: integer, constraints: {required: true}}
                        - {name: name, type: string}
                      primaryKey: [id]
                    """.formatted(d));
        }
    }

    private static String id(int dataset) {
        return String.format("ds-%02d", dataset);
    }

    private static String csv(int dataset, int version) {
        StringBuilder s = new StringBuilder("id,name\n");
        for (int row = 1; row <= 3 + version; row++) {
            s.append(row).append(",v").append(version).append("-row-").append(row).append(" of ").append(id(dataset)).append('\n');
        }
        return s.toString();
    }

    private JsonNode history(String id) throws Exception {
        Optional<String> text = object("site/datasets/" + id + "/releases.json");
        return text.isEmpty() ? JSON.createArrayNode() : JSON.readTree(text.get());
    }

    private List<String> packageList() throws Exception {
        Optional<String> text = object("site/api/3/action/package_list");
        List<String> names = new ArrayList<>();
        if (text.isPresent()) {
            JSON.readTree(text.get()).path("result").forEach(n -> names.add(n.asText()));
        }
        return names;
    }

    private List<String> releaseFolders(String id) {
        String prefix = "site/datasets/" + id + "/releases/";
        return client.listObjectsV2Paginator(b -> b.bucket("open-data").prefix(prefix)).contents().stream()
                .map(o -> o.key().substring(prefix.length()))
                .map(rest -> rest.substring(0, rest.indexOf('/')))
                .distinct().toList();
    }

    private Optional<String> object(String key) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket("open-data").key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** The datasets whose files are uploaded to the ingest bucket rather than dropped in the folder. */
    private static boolean uploaded(int dataset) {
        return dataset > DATASETS / 2;
    }

    /** The final (or, with ".pending.json", the pending) receipts, in the drop folder and in the ingest bucket. */
    private List<String> receipts(String suffix) throws Exception {
        List<String> all = new ArrayList<>();
        folderReceipts(suffix).forEach(p -> all.add(p.toString()));
        client.listObjectsV2Paginator(b -> b.bucket("city-ingest").prefix("drops/city/_receipts/")).contents().stream()
                .map(o -> o.key()).filter(k -> k.endsWith(suffix))
                .filter(k -> suffix.equals(".pending.json") || !k.endsWith(".pending.json"))
                .forEach(all::add);
        return all;
    }

    private List<Path> folderReceipts(String suffix) throws Exception {
        Path folder = dir.resolve("ingest/city/_receipts");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> suffix.equals(".pending.json") || !p.getFileName().toString().endsWith(".pending.json"))
                    .toList();
        }
    }

    /** The receipts a receipts page lists, as their JSON files are named. */
    private static List<String> listed(java.io.InputStream page) {
        return io.hiraku.catalog.ReceiptListing.read(page).receipts().stream().map(e -> e.name() + ".json").toList();
    }

    private List<JsonNode> receiptJson() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (Path p : folderReceipts(".json")) {
            all.add(JSON.readTree(p.toFile()));
        }
        for (String key : receipts(".json")) {
            if (key.startsWith("drops/")) {
                all.add(JSON.readTree(client.getObjectAsBytes(b -> b.bucket("city-ingest").key(key)).asByteArray()));
            }
        }
        return all;
    }
}
