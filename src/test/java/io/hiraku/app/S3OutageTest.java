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
 * The object store is down when files are dropped: they wait (the department gets a "pending"
 * receipt), and when the store comes back they are published by themselves, with nothing missing.
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
            assertThat(downloads).hasSize(5);   // csv, excel-csv, json, ttl, nt
            for (String url : downloads) {
                assertThat(keys).contains("hiraku/" + url.substring("http://localhost:8080/".length()));
            }
        }
        assertThat(receiptNames(receipts)).anyMatch(n -> n.endsWith(".json") && !n.endsWith(".pending.json"));
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
