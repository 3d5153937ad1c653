package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.S3Server;
import io.hiraku.publish.ObjectInfo;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The examples published to a real S3 server (S3Proxy on 127.0.0.1) the way an operator configures it:
 * {@code --store s3://bucket/prefix}, an endpoint and path-style access in settings, credentials from the
 * AWS default chain. Every object is read back and checked.
 */
class S3PublishTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    java.nio.file.Path dir;

    private S3Server server;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        server = new S3Server();
        server.createBucket("open-data");
        s3 = server.client();
        server.useForHiraku(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        server.close();
    }

    @Test
    void theExamplesArePublishedToS3WithMetadataReleasesAndChecksums() throws Exception {
        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--store", "s3://open-data/hiraku");
        assertThat(exit).isEqualTo(HirakuCommand.OK);

        List<S3Object> objects = s3.listObjectsV2Paginator(b -> b.bucket("open-data").prefix("hiraku/")).contents()
                .stream().toList();
        List<String> keys = objects.stream().map(S3Object::key).toList();
        assertThat(keys).contains("hiraku/index.html", "hiraku/catalog.ttl", "hiraku/assets/style.css",
                "hiraku/datasets/takamatsu-aed/takamatsu-aed.csv", "hiraku/datasets/takamatsu-aed/datapackage.json",
                "hiraku/datasets/yaizu-public-toilets/yaizu-public-toilets.nt");
        for (S3Object object : objects) {
            ResponseBytes<GetObjectResponse> body = s3.getObjectAsBytes(b -> b.bucket("open-data").key(object.key()));
            assertThat(body.response().metadata().get("sha256")).as(object.key()).isEqualTo(sha256(body.asByteArray()));
            assertThat(body.response().contentType()).as(object.key()).isNotBlank();
            assertThat(body.response().cacheControl()).as(object.key()).isEqualTo(object.key().contains("/releases/")
                    ? ObjectInfo.IMMUTABLE : ObjectInfo.CHANGING);
        }
        assertThat(contentType("hiraku/datasets/takamatsu-aed/takamatsu-aed.csv")).isEqualTo("text/csv;charset=utf-8");
        assertThat(contentType("hiraku/catalog.ttl")).isEqualTo("text/turtle;charset=utf-8");
        assertThat(contentType("hiraku/index.html")).isEqualTo("text/html;charset=utf-8");

        // each dataset's release is an immutable copy with the original as dropped
        JsonNode dataPackage = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("open-data")
                .key("hiraku/datasets/takamatsu-aed/datapackage.json")).asByteArray());
        String release = dataPackage.path("hiraku").path("release").asText();
        String releasePrefix = "hiraku/datasets/takamatsu-aed/releases/" + release + "/";
        assertThat(keys).contains(releasePrefix + "takamatsu-aed.csv", releasePrefix + "datapackage.json",
                releasePrefix + "SHA256SUMS", releasePrefix + "original/0002_aed_sjis_2023-02-16.csv");
        byte[] original = s3.getObjectAsBytes(b -> b.bucket("open-data")
                .key(releasePrefix + "original/0002_aed_sjis_2023-02-16.csv")).asByteArray();
        assertThat(sha256(original)).isEqualTo(dataPackage.path("hiraku").path("original").path("sha256").asText());
        // and datapackage.json's hashes are those of the objects
        Map<String, String> objectHashes = objects.stream().filter(o -> o.key().startsWith("hiraku/datasets/takamatsu-aed/")
                        && !o.key().contains("/releases/"))
                .collect(Collectors.toMap(o -> o.key().substring("hiraku/datasets/takamatsu-aed/".length()),
                        o -> metadataSha256(o.key())));
        for (JsonNode resource : dataPackage.path("resources")) {
            assertThat("sha256:" + objectHashes.get(resource.path("path").asText())).isEqualTo(resource.path("hash").asText());
        }
    }

    @Test
    void everyObjectAsksForTheEncryptionTheBucketPolicyRequires() throws Exception {
        server.useForHiraku(Map.of(Settings.S3_SSE, "aws:kms", Settings.S3_SSE_KMS_KEY_ID, "alias/open-data"));
        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--store", "s3://open-data/hiraku");
        assertThat(exit).isEqualTo(HirakuCommand.OK);

        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("open-data").prefix("hiraku/")).contents()
                .stream().map(S3Object::key).toList();
        assertThat(keys).contains("hiraku/catalog.ttl", "hiraku/datasets/takamatsu-aed/takamatsu-aed.csv");
        for (String key : keys) {
            var head = s3.headObject(b -> b.bucket("open-data").key(key));
            assertThat(head.serverSideEncryptionAsString()).as(key).isEqualTo("aws:kms");
            assertThat(head.ssekmsKeyId()).as(key).isEqualTo("alias/open-data");
        }
    }

    @Test
    void anEncryptionS3CannotDoIsRefusedBeforeAnythingIsWritten() {
        server.useForHiraku(Map.of(Settings.S3_SSE, "kms"));
        int exit = HirakuCommand.execute("publish", "--once", "--work", dir.resolve("work").toString(),
                "--store", "s3://open-data/hiraku");
        assertThat(exit).isNotEqualTo(HirakuCommand.OK);
        assertThat(s3.listObjectsV2(b -> b.bucket("open-data")).contents()).isEmpty();
    }

    @Test
    void aSecondReleaseOnS3KeepsTheFirstAndLinksTheVersions() throws Exception {
        List<String> releases = twoReleasesOfThePublicToilets();
        String release1 = releases.get(0);
        String prefix = "h/datasets/yaizu-public-toilets/";
        String release1Csv = metadataSha256(prefix + "releases/" + release1 + "/yaizu-public-toilets.csv");
        JsonNode changes = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("open-data").key(prefix + "changes.json"))
                .asByteArray());
        assertThat(changes.path("removed").asLong()).isEqualTo(1);
        assertThat(changes.path("added").asLong()).isZero();
        assertThat(metadataSha256(prefix + "releases/" + release1 + "/yaizu-public-toilets.csv")).isEqualTo(release1Csv);
        assertThat(metadataSha256(prefix + "yaizu-public-toilets.csv")).isNotEqualTo(release1Csv);
        String catalog = s3.getObjectAsBytes(b -> b.bucket("open-data").key("h/catalog.ttl")).asUtf8String();
        assertThat(catalog).contains("dcat:previousVersion", "releases/" + release1);
        String feed = s3.getObjectAsBytes(b -> b.bucket("open-data").key(prefix + "feed.atom")).asUtf8String();
        assertThat(feed).contains("0 added, 1 removed, 0 changed");
    }

    @Test
    void aWithdrawnReleaseGivesWayToThePreviousOneAndAWithdrawnDatasetLeavesItsPage() throws Exception {
        List<String> releases = twoReleasesOfThePublicToilets();
        String prefix = "h/datasets/yaizu-public-toilets/";
        String release1Csv = metadataSha256(prefix + "releases/" + releases.get(0) + "/yaizu-public-toilets.csv");

        assertThat(withdraw("--release", releases.get(1))).isEqualTo(HirakuCommand.OK);
        List<String> keys = keys("h/");
        assertThat(keys).noneMatch(k -> k.contains(releases.get(1))).doesNotContain(prefix + "changes.json");
        // the latest objects are the first release's again, served as changing ones, their hashes in the metadata
        assertThat(metadataSha256(prefix + "yaizu-public-toilets.csv")).isEqualTo(release1Csv);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("open-data").key(prefix + "datapackage.json")).asByteArray())
                .isEqualTo(s3.getObjectAsBytes(b -> b.bucket("open-data").key(prefix + "releases/" + releases.get(0)
                        + "/datapackage.json")).asByteArray());
        for (String key : keys.stream().filter(k -> k.startsWith(prefix) && !k.contains("/releases/")).toList()) {
            ResponseBytes<GetObjectResponse> body = s3.getObjectAsBytes(b -> b.bucket("open-data").key(key));
            assertThat(body.response().metadata().get("sha256")).as(key).isEqualTo(sha256(body.asByteArray()));
            assertThat(body.response().cacheControl()).as(key).isEqualTo(ObjectInfo.CHANGING);
        }
        assertThat(contentType(prefix + "yaizu-public-toilets.csv")).isEqualTo("text/csv;charset=utf-8");

        assertThat(withdraw("--whole-dataset")).isEqualTo(HirakuCommand.OK);
        assertThat(keys("h/").stream().filter(k -> k.contains("yaizu-public-toilets")).toList()).containsExactlyInAnyOrder(
                prefix + "index.html", prefix + "releases.json", prefix + "feed.atom",
                "h/en/datasets/yaizu-public-toilets/index.html");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("open-data").key(prefix + "index.html")).asUtf8String())
                .contains("公開を取り下げました", "テスト");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("open-data").key("h/catalog.ttl")).asUtf8String())
                .doesNotContain("yaizu-public-toilets");
    }

    /** Publishes the example public-toilet file, then the same with a row removed; @return the two releases */
    private List<String> twoReleasesOfThePublicToilets() throws Exception {
        java.nio.file.Path work = dir.resolve("work");
        java.nio.file.Path drop = java.nio.file.Files.createDirectories(work.resolve("ingest/yaizu"));
        java.nio.file.Files.copy(java.nio.file.Path.of("examples/yaizu/222127_public_toilet.csv"),
                drop.resolve("222127_public_toilet.csv"));
        java.nio.file.Files.createDirectories(work.resolve("ingest/takamatsu"));
        assertThat(HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", "s3://open-data/h"))
                .isEqualTo(HirakuCommand.OK);
        String release1 = latestRelease();
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("examples/yaizu/222127_public_toilet.csv")));
        lines.remove(5);
        java.nio.file.Files.write(drop.resolve("222127_public_toilet.csv"), lines);
        assertThat(HirakuCommand.execute("publish", "--once", "--work", work.toString(), "--store", "s3://open-data/h"))
                .isEqualTo(HirakuCommand.OK);
        return List.of(release1, latestRelease());
    }

    private String latestRelease() throws Exception {
        return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("open-data")
                .key("h/datasets/yaizu-public-toilets/datapackage.json")).asByteArray()).path("hiraku").path("release").asText();
    }

    private int withdraw(String... release) {
        List<String> args = new java.util.ArrayList<>(List.of("withdraw", "--dataset", "yaizu-public-toilets",
                "--reason", "テストのため", "--work", dir.resolve("work").toString(), "--store", "s3://open-data/h"));
        args.addAll(List.of(release));
        return HirakuCommand.execute(args.toArray(String[]::new));
    }

    private List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket("open-data").prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /** The media type as stored, spaces dropped (servers differ in "text/html; charset" vs "text/html;charset"). */
    private String contentType(String key) {
        return s3.headObject(b -> b.bucket("open-data").key(key)).contentType().replace(" ", "");
    }

    private String metadataSha256(String key) {
        return s3.headObject(b -> b.bucket("open-data").key(key)).metadata().get("sha256");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
