package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Fixtures;
import io.hiraku.S3Server;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Drops uploaded to object storage (a real S3 server, S3Proxy on 127.0.0.1) rather than a folder: the
 * department's objects under {@code <department>/} are published like dropped files, their receipts come
 * back under {@code <department>/_receipts/} in the same bucket, and the objects are deleted once done;
 * receipts and half-uploaded names are left alone.
 */
class StoreIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private S3Server server;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        server = new S3Server();
        server.createBucket("open-data");
        server.createBucket("city-ingest");
        s3 = server.client();
        server.useForHiraku(Map.of(Settings.INGEST_STORE, "s3://city-ingest/drops", Settings.SEED_EXAMPLES, "false"));
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        server.close();
    }

    @Test
    void anUploadedFileIsPublishedAndItsReceiptComesBackBesideIt() throws Exception {
        Path catalog = Fixtures.visitorsCatalog(dir.resolve("catalog"));
        upload("drops/city/visits.csv", "month,visitors\n2024-04,1200\n2024-05,1310\n2024-06,990\n");
        upload("drops/city/unknown-table.csv", "a\n1\n");
        upload("drops/city/_receipts/earlier.json", "{}");
        upload("drops/city/visits.csv.part", "month,visitors\n");
        upload("drops/city/2024年度/visits.csv", "month,visitors\n2024-04,1200\n");

        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--catalog", catalog.toString(), "--store", "s3://open-data/site");

        assertThat(exit).as("one upload is refused").isEqualTo(HirakuCommand.REJECTED);
        assertThat(read("open-data", "site/datasets/visits/visits.csv"))
                .isEqualToNormalizingNewlines("month,visitors\n2024-04,1200\n2024-05,1310\n2024-06,990\n");
        List<String> left = keys("city-ingest", "drops/");
        // done: gone from the bucket; what is not a drop stays
        assertThat(left).doesNotContain("drops/city/visits.csv", "drops/city/unknown-table.csv")
                .contains("drops/city/_receipts/earlier.json", "drops/city/visits.csv.part");
        JsonNode published = receipt(left, "drops/city/_receipts/visits.csv.");
        assertThat(published.path("outcome").asText()).isEqualTo("published");
        assertThat(published.path("report").path("stats").path("rows").asLong()).isEqualTo(3);
        assertThat(left).anyMatch(k -> k.startsWith("drops/city/_receipts/visits.csv.") && k.endsWith(".html"));
        JsonNode refused = receipt(left, "drops/city/_receipts/unknown-table.csv.");
        assertThat(refused.path("outcome").asText()).isEqualTo("rejected");
        assertThat(refused.path("messageEn").asText()).contains("no dataset definition matches 'unknown-table.csv'");
        assertThat(left).noneMatch(k -> k.contains(".pending."));
        // a folder under the department's prefix is not read; the department is told once, there
        assertThat(left).contains("drops/city/2024年度/visits.csv");
        JsonNode folder = receipt(left, "drops/city/_receipts/2024年度.folder");
        assertThat(folder.path("outcome").asText()).isEqualTo("ignored");
        assertThat(folder.path("messageEn").asText()).contains("put each file to publish directly in city/");
        // the department's list of its receipts, in the bucket beside them, newest first
        org.jsoup.nodes.Document list = org.jsoup.Jsoup.parse(read("city-ingest", "drops/city/_receipts/index.html"));
        assertThat(list.select("tbody tr")).hasSize(3);
        assertThat(list.select("tbody tr td:nth-child(2) a").eachText())
                .containsExactlyInAnyOrder("visits.csv", "unknown-table.csv", "2024年度/");
        for (String href : list.select("tbody a").eachAttr("href")) {
            assertThat(left).contains("drops/city/_receipts/" + java.net.URLDecoder.decode(href, java.nio.charset.StandardCharsets.UTF_8));
        }
        // archived first, as a dropped file is, and nothing left in landing/
        assertThat(dir.resolve("work/archive/city")).isNotEmptyDirectory();
        assertThat(dir.resolve("work/landing/city")).isEmptyDirectory();
    }

    private void upload(String key, String content) {
        s3.putObject(b -> b.bucket("city-ingest").key(key), RequestBody.fromString(content));
    }

    private String read(String bucket, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private JsonNode receipt(List<String> keys, String prefix) throws Exception {
        String key = keys.stream().filter(k -> k.startsWith(prefix) && k.endsWith(".json")).findFirst().orElseThrow(
                () -> new AssertionError("no receipt " + prefix + "*.json in " + keys));
        return JSON.readTree(read("city-ingest", key));
    }
}
