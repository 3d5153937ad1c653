package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object store is down when files are dropped, or goes down while they are being published: they
 * wait (the department gets a "pending" receipt), and when the store comes back they are published by
 * themselves, with nothing missing and nothing published twice.
 */
class S3OutageTest {
    private static final Map<String, String> PROPERTIES = Map.of(
            "aws.accessKeyId", S3Server.ACCESS_KEY, "aws.secretAccessKey", S3Server.SECRET_KEY,
            Settings.S3_PATH_STYLE, "true", Settings.STORE_RETRY_MAX_MS, "1500");

    @TempDir
    Path dir;

    private S3Server server;

    @AfterEach
    void stop() throws Exception {
        PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty(Settings.S3_ENDPOINT);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dropsWaitWhileTheStoreIsDownAndArePublishedWhenItReturns() throws Exception {
        int port = S3Server.freePort();
        PROPERTIES.forEach(System::setProperty);
        System.setProperty(Settings.S3_ENDPOINT, "http://127.0.0.1:" + port);
        Path work = dir.resolve("work");
        Path drop = Files.createDirectories(work.resolve("ingest/yaizu"));
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), drop.resolve("222127_public_toilet.csv"));

        CompletableFuture<Integer> publishing = CompletableFuture.supplyAsync(() -> HirakuCommand.execute(
                "publish", "--once", "--work", work.toString(), "--store", "s3://open-data/hiraku"));

        Path receipts = drop.resolve("_receipts");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> receiptsEndingIn(receipts, ".pending.json") > 0);
        String pending = Files.readString(receipts.resolve(receiptNames(receipts).stream()
                .filter(n -> n.endsWith(".pending.json")).findFirst().orElseThrow()));
        assertThat(pending).contains("\"outcome\" : \"pending\"", "will be published as soon as the store is back");
        assertThat(publishing).isNotDone();

        server = new S3Server(port);
        server.createBucket("open-data");
        assertThat(publishing.get(120, TimeUnit.SECONDS)).isEqualTo(HirakuCommand.OK);

        try (S3Client s3 = server.client()) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("open-data").prefix("hiraku/")).contents()
                    .stream().map(o -> o.key()).toList();
            assertThat(keys).contains("hiraku/catalog.ttl", "hiraku/index.html",
                    "hiraku/datasets/yaizu-public-toilets/yaizu-public-toilets.csv",
                    "hiraku/datasets/yaizu-public-toilets/datapackage.json");
            // every download the catalog names is there
            org.apache.jena.rdf.model.Model catalog = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
            org.apache.jena.riot.RDFParser.fromString(s3.getObjectAsBytes(b -> b.bucket("open-data")
                    .key("hiraku/catalog.ttl")).asUtf8String(), org.apache.jena.riot.Lang.TURTLE).parse(catalog);
            List<String> downloads = catalog.listObjectsOfProperty(
                    catalog.createProperty("http://www.w3.org/ns/dcat#downloadURL")).mapWith(n -> n.asResource().getURI()).toList();
            assertThat(downloads).hasSize(6);   // csv, excel-csv, json, geojson, ttl, nt
            for (String url : downloads) {
                assertThat(keys).contains("hiraku/" + url.substring("http://localhost:8080/".length()));
            }
        }
        assertThat(receiptNames(receipts)).anyMatch(n -> n.endsWith(".json") && !n.endsWith(".pending.json"));
    }

    @Test
    void theStoreStopsWhilePublishingAndPublishingResumesWhenItReturnsWithNothingLostOrDoubled() throws Exception {
        server = new S3Server();
        server.createBucket("open-data");
        PROPERTIES.forEach(System::setProperty);
        System.setProperty(Settings.S3_ENDPOINT, server.endpoint().toString());
        Path work = dir.resolve("work");
        List<String> drops = List.of("takamatsu/0002_aed_sjis_2023-02-16.csv", "takamatsu/0078_childcare_facilities.csv",
                "yaizu/222127_public_toilet.csv");
        java.time.Instant first = java.time.Instant.now().minusSeconds(60);
        for (int i = 0; i < drops.size(); i++) {
            Path target = Files.createDirectories(work.resolve("ingest").resolve(drops.get(i)).getParent())
                    .resolve(Path.of(drops.get(i)).getFileName());
            Files.copy(Path.of("examples").resolve(drops.get(i)), target);
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(first.plusSeconds(i)));
        }
        List<Path> receipts = List.of(work.resolve("ingest/takamatsu/_receipts"), work.resolve("ingest/yaizu/_receipts"));

        CompletableFuture<Integer> publishing = CompletableFuture.supplyAsync(() -> HirakuCommand.execute(
                "publish", "--once", "--work", work.toString(), "--store", "s3://open-data/hiraku"));
        // the first file is published; the store goes down while the next ones are on their way
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> finalReceipts(receipts) >= 1);
        server.stop();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> receipts.stream()
                .mapToLong(r -> uncheckedCount(r, ".pending.json")).sum() >= 1);
        assertThat(publishing).isNotDone();
        server.restart();
        assertThat(publishing.get(120, TimeUnit.SECONDS)).isEqualTo(HirakuCommand.OK);

        assertThat(finalReceipts(receipts)).isEqualTo(3);
        assertThat(receipts.stream().mapToLong(r -> uncheckedCount(r, ".pending.json")).sum()).isZero();
        // the departments' lists show each drop once, as published: the "pending" lines were replaced
        for (Path folder : receipts) {
            org.jsoup.nodes.Document list = org.jsoup.Jsoup.parse(folder.resolve("index.html").toFile(), "UTF-8");
            assertThat(list.select("tbody td:nth-child(4)").eachAttr("class")).as("outcomes in %s", folder)
                    .isNotEmpty().containsOnly("published");
        }
        try (S3Client s3 = server.client()) {
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("open-data").prefix("hiraku/")).contents()
                    .stream().map(o -> o.key()).toList();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (String dataset : List.of("takamatsu-aed", "takamatsu-childcare-facilities", "yaizu-public-toilets")) {
                String prefix = "hiraku/datasets/" + dataset + "/";
                com.fasterxml.jackson.databind.JsonNode history = json.readTree(
                        s3.getObjectAsBytes(b -> b.bucket("open-data").key(prefix + "releases.json")).asByteArray());
                assertThat(history).as("history of %s", dataset).hasSize(1);
                String release = history.get(0).path("release").asText();
                assertThat(keys.stream().filter(k -> k.startsWith(prefix + "releases/"))
                        .map(k -> k.substring((prefix + "releases/").length()).split("/")[0]).distinct())
                        .as("release folders of %s", dataset).containsExactly(release);
            }
            org.apache.jena.rdf.model.Model catalog = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
            org.apache.jena.riot.RDFParser.fromString(s3.getObjectAsBytes(b -> b.bucket("open-data")
                    .key("hiraku/catalog.ttl")).asUtf8String(), org.apache.jena.riot.Lang.TURTLE).parse(catalog);
            List<String> downloads = catalog.listObjectsOfProperty(
                    catalog.createProperty("http://www.w3.org/ns/dcat#downloadURL")).mapWith(n -> n.asResource().getURI()).toList();
            assertThat(downloads).hasSize(15 + 3); // GeoJSON too
            for (String url : downloads) {
                assertThat(keys).contains("hiraku/" + url.substring("http://localhost:8080/".length()));
            }
        }
    }

    private static long finalReceipts(List<Path> folders) {
        return folders.stream().mapToLong(r -> uncheckedCount(r, ".json") - uncheckedCount(r, ".pending.json")).sum();
    }

    private static long uncheckedCount(Path receipts, String suffix) {
        try {
            return receiptsEndingIn(receipts, suffix);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long receiptsEndingIn(Path receipts, String suffix) throws Exception {
        return receiptNames(receipts).stream().filter(n -> n.endsWith(suffix)).count();
    }

    private static List<String> receiptNames(Path receipts) throws Exception {
        if (!Files.isDirectory(receipts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(receipts)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
