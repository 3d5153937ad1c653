package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.S3Server;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees of a running pipeline ({@code run} in a child JVM, its store on a real
 * S3-compatible server): readiness on /observe/health goes DOWN ("degraded") while the store is
 * unreachable and a drop waits, and UP again when the store is back and the drop is published;
 * Prometheus metrics count drops, outcomes, rows and store errors; every log line of a drop names its
 * department, file and dataset; and SIGTERM stops it cleanly.
 */
class OperationsTest {
    @TempDir
    Path dir;

    private S3Server s3;
    private RunningHiraku hiraku;

    @AfterEach
    void stop() throws Exception {
        if (hiraku != null) {
            hiraku.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void healthDegradesWhileTheStoreIsDownMetricsCountAndLogsNameTheDrop() throws Exception {
        s3 = new S3Server();
        s3.createBucket("open-data");
        int sitePort = S3Server.freePort();
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("ingest/yaizu"));
        hiraku = new RunningHiraku(Map.of("HIRAKU_S3_ENDPOINT", s3.endpoint().toString(), "HIRAKU_S3_PATH_STYLE", "true",
                "HIRAKU_STORE_RETRY_MAX_MS", "1000", "AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY),
                "--work", work.toString(), "--store", "s3://open-data/hiraku", "--port", String.valueOf(sitePort));
        String health = hiraku.health();
        String metrics = hiraku.metrics();

        hiraku.awaitOrShow(() -> hiraku.get(health).statusCode() == 200);

        // the store goes away; a drop arrives and waits: readiness DOWN, degraded, with the drop counted
        s3.stop();
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), work.resolve("ingest/yaizu/222127_public_toilet.csv"));
        hiraku.awaitOrShow(() -> hiraku.get(health + "?exposureLevel=full").body().contains("degraded"));
        HttpResponse<String> degraded = hiraku.get(health + "?exposureLevel=full");
        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(degraded.body()).contains("object-store", "DOWN", "drop(s) wait");
        assertThat(hiraku.get(metrics).body()).contains("hiraku_store_waiting 1.0", "hiraku_files_received_total{department=\"yaizu\"} 1.0")
                .containsPattern("hiraku_store_errors_total [1-9]");

        // the store is back: the drop is published, readiness UP again
        s3.restart();
        hiraku.awaitOrShow(() -> hiraku.get(health).statusCode() == 200);
        hiraku.awaitOrShow(() -> hiraku.get(metrics).body()
                .contains("hiraku_files_ended_total{department=\"yaizu\",outcome=\"published\"} 1.0"));
        String published = hiraku.get(metrics).body();
        assertThat(published).contains("hiraku_rows_published_total 112.0", "hiraku_store_waiting 0.0",
                "hiraku_queue_depth 0.0");
        assertThat(hiraku.log()).anyMatch(l -> l.contains("[yaizu 222127_public_toilet.csv yaizu-public-toilets] ")
                && l.contains("Built release"));

        // SIGTERM: Camel's graceful shutdown, nothing in hand, a clean exit
        assertThat(hiraku.terminate()).isTrue();
        assertThat(hiraku.tail(15)).contains("Stopping: letting the drop in hand finish", "Hiraku stopped");
    }
}
