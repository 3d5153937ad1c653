package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hiraku.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The object store contract against a real S3 server (S3Proxy on 127.0.0.1), plus S3's own cases. */
class S3ObjectStoreTest extends ObjectStoreContract {
    private static S3Server server;
    private static S3Client s3;
    private static int buckets;

    @BeforeAll
    static void startServer() throws Exception {
        server = new S3Server();
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
        server.close();
    }

    @Override
    ObjectStore store() {
        String bucket = "hiraku-contract-" + ++buckets;
        server.createBucket(bucket);
        return new S3ObjectStore(s3, bucket, "catalog/", 5L * 1024 * 1024);
    }

    @Test
    void objectsLiveUnderThePrefixWithS3Metadata() throws Exception {
        ObjectStore store = store();
        store.put("catalog.ttl", Files.writeString(dir.resolve("c.ttl"), "<a> <b> <c> ."),
                ObjectInfo.changing("text/turtle; charset=utf-8"));
        HeadObjectResponse head = s3.headObject(b -> b.bucket("hiraku-contract-" + buckets).key("catalog/catalog.ttl"));
        assertThat(head.contentType()).isEqualTo("text/turtle; charset=utf-8");
        assertThat(head.cacheControl()).isEqualTo(ObjectInfo.CHANGING);
        assertThat(head.metadata()).containsEntry("sha256", Sha256.of(dir.resolve("c.ttl")));
        assertThat(store.describe()).isEqualTo("s3://hiraku-contract-" + buckets + "/catalog/");
    }

    @Test
    void objectsWholeOrInPartsAreWrittenWithTheEncryptionAskedFor() throws Exception {
        String bucket = "hiraku-sse";
        server.createBucket(bucket);
        ObjectStore store = new S3ObjectStore(s3, bucket, "", 5L * 1024 * 1024,
                S3Encryption.of("aws:kms", "arn:aws:kms:ap-northeast-1:111122223333:key/open-data"));
        store.put("small.csv", Files.writeString(dir.resolve("small.csv"), "id\n1\n"), ObjectInfo.changing("text/csv"));
        byte[] big = new byte[6 * 1024 * 1024 + 1];
        new java.util.Random(7).nextBytes(big);
        store.put("big.bin", Files.write(dir.resolve("big.bin"), big), ObjectInfo.immutable("application/octet-stream"));
        for (String key : new String[] {"small.csv", "big.bin"}) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            assertThat(head.serverSideEncryptionAsString()).as(key).isEqualTo("aws:kms");
            assertThat(head.ssekmsKeyId()).as(key).isEqualTo("arn:aws:kms:ap-northeast-1:111122223333:key/open-data");
        }
        assertThat(s3.headObject(b -> b.bucket(bucket).key("big.bin")).contentLength()).isEqualTo(big.length);
    }

    @Test
    void anEncryptionS3DoesNotKnowIsAClearError() {
        assertThatThrownBy(() -> S3Encryption.of("kms", "")).hasMessageContaining("hiraku.s3.sse is 'kms'")
                .hasMessageContaining("AES256, aws:kms or aws:kms:dsse");
        assertThatThrownBy(() -> S3Encryption.of("AES256", "alias/open-data"))
                .hasMessageContaining("hiraku.s3.sse-kms-key-id is set, so hiraku.s3.sse must be aws:kms");
        assertThat(S3Encryption.of(" ", " ")).isEqualTo(S3Encryption.NONE);
    }

    @Test
    void aMissingBucketIsAClearError() {
        ObjectStore store = new S3ObjectStore(s3, "no-such-bucket", "", 5L * 1024 * 1024);
        assertThatThrownBy(() -> store.put("x.csv", Files.writeString(dir.resolve("x.csv"), "x"),
                ObjectInfo.changing("text/csv"))).isInstanceOf(IOException.class)
                .hasMessageContaining("the bucket 'no-such-bucket' does not exist");
    }

    @Test
    void storeUrisNameBucketAndPrefix() {
        assertThat(S3ObjectStore.parse(java.net.URI.create("s3://open-data/hiraku/catalog")))
                .containsExactly("open-data", "hiraku/catalog");
        assertThat(S3ObjectStore.parse(java.net.URI.create("s3://open-data"))).containsExactly("open-data", "");
    }
}
