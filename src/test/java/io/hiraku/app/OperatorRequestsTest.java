package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways of a withdrawal or prune handed over to a running pipeline that the end-to-end test does not take:
 * a request that waited too long is refused, not done; a command whose run is gone does the work itself.
 */
class OperatorRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Settings settings() throws Exception {
        io.hiraku.Fixtures.cityCatalog(dir.resolve("catalog"));
        return Settings.load(Map.of(Settings.WORK, dir.resolve("work").toString(), Settings.STORE,
                dir.resolve("store").toString(), Settings.CATALOG, dir.resolve("catalog").toString(),
                Settings.INGEST, dir.resolve("work/ingest").toString()));
    }

    @Test
    void aRequestThatWaitedLongerThanTenMinutesIsAnsweredAsRefusedAndNotDone() throws Exception {
        Settings settings = settings();
        Path requests = Files.createDirectories(OperatorRequests.folder(settings.work()));
        Instant asked = Instant.parse("2026-11-28T03:00:00Z");
        Files.writeString(requests.resolve("r1.json"), JSON.writeValueAsString(Map.of("requestedAt", asked.toString(),
                "request", OperatorRequest.withdraw("counts", null, true, "誤り", false))));
        new OperatorRequests(settings, new PipelineGate(), Clock.fixed(asked.plus(Duration.ofMinutes(11)), ZoneOffset.UTC))
                .handlePending();

        JsonNode answer = JSON.readTree(requests.resolve("r1.result.json").toFile());
        assertThat(answer.path("exit").asInt()).isEqualTo(HirakuCommand.OPERATIONAL_ERROR);
        assertThat(answer.path("err").asText()).contains("waited since 2026-11-28T03:00:00Z", "longer than 10 minutes",
                "give the command again");
        try (Stream<Path> left = Files.list(requests)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("r1.result.json");
        }
    }

    @Test
    void aCommandWhoseRunIsGoneBeforeTakingTheRequestDoesTheWorkItself() throws Exception {
        Settings settings = settings();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // nothing holds the work folder: the request is taken back and the prune done here
        int exit = OperatorRequests.handOver(settings, OperatorRequest.prune(1, null),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(HirakuCommand.OK);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does the prune",
                "the pipeline stopped before doing it; doing it here");
        assertThat(OperatorRequests.folder(settings.work())).isEmptyDirectory();
        // the catalog was rebuilt by the prune
        assertThat(dir.resolve("store/index.html")).exists();
    }
}
