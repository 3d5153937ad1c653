package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.S3Server;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
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
    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void healthDegradesWhileTheStoreIsDownMetricsCountAndLogsNameTheDrop() throws Exception {
        s3 = new S3Server();
        s3.createBucket("open-data");
        int managementPort = S3Server.freePort();
        int sitePort = S3Server.freePort();
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("ingest/yaizu"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), HirakuCommand.class.getName(), "run",
                "--work", work.toString(), "--store", "s3://open-data/hiraku", "--port", String.valueOf(sitePort))
                .redirectErrorStream(true);
        builder.environment().put("HIRAKU_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("HIRAKU_S3_ENDPOINT", s3.endpoint().toString());
        builder.environment().put("HIRAKU_S3_PATH_STYLE", "true");
        builder.environment().put("HIRAKU_STORE_RETRY_MAX_MS", "1000");
        builder.environment().put("HIRAKU_INGEST_POLL_MS", "200");
        builder.environment().put("HIRAKU_INGEST_SETTLE_MS", "200");
        builder.environment().put("HIRAKU_SEED_EXAMPLES", "false");
        builder.environment().put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
        process = builder.start();
        List<String> log = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    log.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        String health = "http://127.0.0.1:" + managementPort + "/observe/health";
        String metrics = "http://127.0.0.1:" + managementPort + "/observe/metrics";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        awaitOrShow(log, () -> get(http, health).statusCode() == 200);

        // the store goes away; a drop arrives and waits: readiness DOWN, degraded, with the drop counted
        s3.stop();
        Files.copy(Path.of("examples/yaizu/222127_public_toilet.csv"), work.resolve("ingest/yaizu/222127_public_toilet.csv"));
        awaitOrShow(log, () -> get(http, health + "?exposureLevel=full").body().contains("degraded"));
        HttpResponse<String> degraded = get(http, health + "?exposureLevel=full");
        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(degraded.body()).contains("object-store", "DOWN", "drop(s) wait");
        assertThat(get(http, metrics).body()).contains("hiraku_store_waiting 1.0", "hiraku_files_received_total{department=\"yaizu\"} 1.0")
                .containsPattern("hiraku_store_errors_total [1-9]");

        // the store is back: the drop is published, readiness UP again
        s3.restart();
        awaitOrShow(log, () -> get(http, health).statusCode() == 200);
        awaitOrShow(log, () -> get(http, metrics).body()
                .contains("hiraku_files_ended_total{department=\"yaizu\",outcome=\"published\"} 1.0"));
        String published = get(http, metrics).body();
        assertThat(published).contains("hiraku_rows_published_total 112.0", "hiraku_store_waiting 0.0",
                "hiraku_queue_depth 0.0");
        assertThat(log).anyMatch(l -> l.contains("[yaizu 222127_public_toilet.csv yaizu-public-toilets] ")
                && l.contains("Built release"));

        // SIGTERM: Camel's graceful shutdown, nothing in hand, a clean exit
        // through the handle: Process.destroy() would also close the pipe the last lines come through
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(String.join("\n", log.subList(Math.max(0, log.size() - 15), log.size())))
                .contains("Stopping: letting the drop in hand finish", "Hiraku stopped");
    }

    /** Waits for the condition; if it never holds, fails showing the end of the pipeline's log. */
    private static void awaitOrShow(List<String> log, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the condition did not hold; the pipeline's log ends with:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())), e);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
