package io.hiraku.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * {@code hiraku run} in a child JVM, as an operator starts it, with its management server on a free port
 * of 127.0.0.1: its log is collected line by line, and its health and metrics can be read.
 */
final class RunningHiraku implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param environment settings as environment variables (HIRAKU_…) beside fast polling and no examples */
    RunningHiraku(Map<String, String> environment, String... arguments) throws Exception {
        managementPort = io.hiraku.S3Server.freePort();
        List<String> command = new java.util.ArrayList<>(List.of("run"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = command(command.toArray(String[]::new));
        builder.environment().put("HIRAKU_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("HIRAKU_INGEST_POLL_MS", "200");
        builder.environment().put("HIRAKU_INGEST_SETTLE_MS", "200");
        builder.environment().put("HIRAKU_SEED_EXAMPLES", "false");
        builder.environment().putAll(environment);
        process = builder.start();
        reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    log.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
    }

    /** A hiraku command in a child JVM on the tests' classpath, its output and errors in one stream. */
    static ProcessBuilder command(String... arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m",
                "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), HirakuCommand.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    String health() {
        return "http://127.0.0.1:" + managementPort + "/observe/health";
    }

    String metrics() {
        return "http://127.0.0.1:" + managementPort + "/observe/metrics";
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    List<String> log() {
        return log;
    }

    /** Waits for the condition; if it never holds, fails showing the end of the pipeline's log. */
    void awaitOrShow(Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the condition did not hold; the pipeline's log ends with:\n" + tail(60), e);
        }
    }

    String tail(int lines) {
        return String.join("\n", log.subList(Math.max(0, log.size() - lines), log.size()));
    }

    /** SIGTERM, as a service manager stops it; @return whether it ended within a minute */
    boolean terminate() throws Exception {
        // through the handle: Process.destroy() would also close the pipe the last lines come through
        process.toHandle().destroy();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        reader.join(10_000);
        return ended;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        // gone for good before the test goes on: its files, ports and work folder lock are let go
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
