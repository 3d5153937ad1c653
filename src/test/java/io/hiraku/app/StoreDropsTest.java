package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.S3Server;
import io.hiraku.publish.S3ObjectStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * An upload taken from the ingest store (a real S3 server, S3Proxy on 127.0.0.1) is deleted there once
 * done, or after a failure, only if it is still the object that was taken: one uploaded again under the
 * same key meanwhile is a new drop, and an object never copied here is never deleted.
 */
class StoreDropsTest {
    private static final String KEY = "city/visits.csv";

    @TempDir
    Path dir;

    private S3Server server;
    private S3Client s3;
    private StoreDrops drops;
    private Workspace workspace;

    @BeforeEach
    void start() throws Exception {
        server = new S3Server();
        server.createBucket("city-ingest");
        s3 = server.client();
        workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        drops = new StoreDrops(new S3ObjectStore(s3, "city-ingest", "drops/", 5L * 1024 * 1024), workspace,
                new DropJournal(workspace.journal()), Duration.ZERO, Clock.systemUTC(),
                new DiskRoom(workspace.work(), 0, Clock.systemUTC()), null);
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        server.close();
    }

    @Test
    void aDoneUploadIsDeleted() throws Exception {
        upload("month,visitors\n2024-04,1200\n");
        Exchange taken = take();
        drops.finish(KEY, taken.getMessage().getHeader(StoreDrops.VERSION, String.class));
        assertThat(exists()).isFalse();
        assertThat(drops.list()).isEmpty();
    }

    @Test
    void anUploadReplacedWhileItIsProcessedIsTakenAsANewDrop() throws Exception {
        upload("month,visitors\n2024-04,1200\n");
        Exchange taken = take();
        assertThat(drops.list()).as("in hand").isEmpty();
        upload("month,visitors\n2024-04,1200\n2024-05,1310\n");

        drops.finish(KEY, taken.getMessage().getHeader(StoreDrops.VERSION, String.class));

        assertThat(read()).isEqualTo("month,visitors\n2024-04,1200\n2024-05,1310\n");
        assertThat(drops.list()).containsExactly(KEY);
    }

    @Test
    void aFailedUploadIsKeptInFailedAndDeletedUnlessItWasNeverCopiedHere() throws Exception {
        upload("month,visitors\n2024-04,1200\n");
        Exchange taken = take();
        drops.failed(KEY, taken.getMessage().getHeader(StoreDrops.VERSION, String.class));
        assertThat(exists()).isFalse();
        assertThat(Files.readString(workspace.failed().resolve("city/visits.csv"))).isEqualTo("month,visitors\n2024-04,1200\n");

        // failed before it was landed (no version yet): the object is the only copy and stays
        upload("month,visitors\n2024-05,1310\n");
        drops.failed(KEY, null);
        assertThat(read()).isEqualTo("month,visitors\n2024-05,1310\n");

        // landed, and failed too: kept beside the first, which it never replaces
        Exchange again = take();
        drops.failed(KEY, again.getMessage().getHeader(StoreDrops.VERSION, String.class));
        assertThat(Files.readString(workspace.failed().resolve("city/visits.csv"))).isEqualTo("month,visitors\n2024-04,1200\n");
        try (java.util.stream.Stream<Path> kept = Files.walk(workspace.failed().resolve("city"), 2)) {
            assertThat(kept.filter(p -> p.getFileName().toString().equals("visits.csv")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).containsExactlyInAnyOrder("month,visitors\n2024-04,1200\n", "month,visitors\n2024-05,1310\n");
        }
    }

    private Exchange take() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        File landed = drops.land(KEY, exchange);
        assertThat(landed).isNotNull();
        return exchange;
    }

    private void upload(String content) {
        s3.putObject(b -> b.bucket("city-ingest").key("drops/" + KEY), RequestBody.fromString(content));
    }

    private String read() {
        return s3.getObjectAsBytes(b -> b.bucket("city-ingest").key("drops/" + KEY)).asUtf8String();
    }

    private boolean exists() {
        try {
            s3.headObject(b -> b.bucket("city-ingest").key("drops/" + KEY));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
