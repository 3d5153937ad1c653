package io.hiraku.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.app.HirakuCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench at 100,000 rows: it runs to the end and records what it measured (no timing is asserted). */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void theBenchRunsEveryMeasurementAndWritesItsResults() throws Exception {
        int exit = HirakuCommand.execute("bench", "--rows", "100000", "--encodings", "UTF-8,windows-31j",
                "--repeat", "1", "--latency-drops", "2", "--workers", "2", "--worker-files", "4", "--worker-rows", "500",
                "--out", dir.toString());
        assertThat(exit).isEqualTo(HirakuCommand.OK);
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        // two small drops into `run`, each timed until its receipt
        assertThat(results.path("receiptSeconds")).hasSize(2);
        results.path("receiptSeconds").forEach(s -> assertThat(s.asDouble()).isPositive());
        // distributed mode with two workers on a local Kafka broker: every file got its receipt
        assertThat(results.path("workers")).hasSize(1);
        assertThat(results.path("workers").get(0).path("workers").asInt()).isEqualTo(2);
        assertThat(results.path("workers").get(0).path("rows").asLong()).isEqualTo(2_000);
        assertThat(results.path("workers").get(0).path("seconds").asDouble()).isPositive();
        assertThat(results.path("cases")).hasSize(2);
        for (JsonNode c : results.path("cases")) {
            List<String> names = new ArrayList<>();
            for (JsonNode m : c.path("measurements")) {
                names.add(m.path("name").asText());
                assertThat(m.path("exitCode").asInt()).as(m.path("name").asText()).isZero();
                assertThat(m.path("peakRssBytes").asLong()).as("peak RSS of " + m.path("name").asText()).isPositive();
            }
            assertThat(names).startsWith("parse-floor", "validate", "publish");
            assertThat(c.path("validateOverParseFloor").asDouble()).isPositive();
            if (Bench.miller().isPresent()) {
                assertThat(names).contains("miller");
                assertThat(c.path("publishOverMiller").asDouble()).isPositive();
            }
            // the publish really published: the CSV has the header and every generated row
            Path csv = dir.resolve(c.path("rows").asLong() + "-" + c.path("encoding").asText().toLowerCase()
                    + "/store/datasets/facilities/facilities.csv");
            try (var reader = org.apache.commons.csv.CSVParser.parse(csv, java.nio.charset.StandardCharsets.UTF_8,
                    org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                assertThat(reader.stream().count()).as(csv.toString()).isEqualTo(100_000);
            }
            assertThat(Files.readString(csv.resolveSibling("SHA256SUMS"))).contains("facilities.csv", "facilities.nt");
        }
    }
}
