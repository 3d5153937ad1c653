package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Fixtures;
import io.hiraku.bench.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed mode against a secured Kafka cluster (a real KRaft broker on 127.0.0.1 that takes only clients
 * signing in with SASL/PLAIN): the operator gives the same client properties file as to Kafka's own tools
 * ({@code hiraku.kafka.client-config}), and every Kafka client of the node (topic check, routes' producers and
 * consumers, backlog metric) signs in with it. A wrong password stops the start with an error that says where
 * the credentials come from.
 */
class KafkaSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private LocalKafka broker;
    private Main node;

    @BeforeEach
    void start() throws Exception {
        broker = LocalKafka.startSecured(dir.resolve("kafka"), "hiraku", "open-data-2026");
        Fixtures.visitorsCatalog(dir.resolve("catalog"));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop();
        }
        broker.close();
    }

    @Test
    void everyKafkaClientSignsInWithTheClientConfigurationFile() throws Exception {
        node = new PipelineRunner(Settings.load(settings(clientConfig("open-data-2026")))).start();
        Path drops = Files.createDirectories(dir.resolve("ingest/city"));
        Files.writeString(drops.resolve("visits.csv"), "month,visitors\n2024-04,1200\n2024-05,1310\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> !receipts().isEmpty());
        assertThat(JSON.readTree(receipts().get(0).toFile()).path("outcome").asText()).isEqualTo("published");
        assertThat(dir.resolve("store/datasets/visits/visits.csv")).content()
                .isEqualToNormalizingNewlines("month,visitors\n2024-04,1200\n2024-05,1310\n");
        // the worker took the event and the builder the announcement, both through the secured listener
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(dir.resolve("store/api/3/action/package_list")).content().contains("visits"));
    }

    @Test
    void aWrongPasswordStopsTheStartAndSaysWhereTheCredentialsComeFrom() throws Exception {
        Path config = clientConfig("not-the-password");
        assertThatThrownBy(() -> node = new PipelineRunner(Settings.load(settings(config))).start())
                .hasStackTraceContaining("hiraku.kafka.client-config")
                .hasStackTraceContaining("SASL_PLAINTEXT, PLAIN")
                .hasStackTraceContaining("Authentication failed");
    }

    @Test
    void aClientConfigurationFileThatIsNotThereIsAClearError() {
        assertThatThrownBy(() -> node = new PipelineRunner(Settings.load(settings(dir.resolve("kafka-client.properties"))))
                .start())
                .hasStackTraceContaining("The Kafka client configuration " + dir.resolve("kafka-client.properties")
                        + " (hiraku.kafka.client-config) does not exist");
    }

    /** What an operator writes for a SASL/PLAIN cluster (for SASL_SSL, add ssl.truststore.location). */
    private Path clientConfig(String password) throws Exception {
        return Files.writeString(dir.resolve("kafka-client.properties"), """
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="hiraku" password="%s";
                """.formatted(password));
    }

    private Map<String, String> settings(Path clientConfig) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.WORK, dir.resolve("work").toString());
        settings.put(Settings.INGEST, dir.resolve("ingest").toString());
        settings.put(Settings.CATALOG, dir.resolve("catalog").toString());
        settings.put(Settings.STORE, dir.resolve("store").toString());
        settings.put(Settings.SHARED_ARCHIVE, dir.resolve("shared-archive").toString());
        settings.put(Settings.MODE, "distributed");
        settings.put(Settings.ROLES, "ingest,worker,builder");
        settings.put(Settings.KAFKA_BROKERS, broker.bootstrapServers());
        settings.put(Settings.KAFKA_CLIENT_CONFIG, clientConfig.toString());
        settings.put(Settings.KAFKA_WORK_PARTITIONS, "2");
        settings.put("hiraku.catalog.batch-ms", "300");
        settings.put(Settings.SEED_EXAMPLES, "false");
        settings.put(Settings.POLL_MS, "200");
        settings.put(Settings.SETTLE_MS, "200");
        settings.put(Settings.MANAGEMENT_ENABLED, "false");
        return settings;
    }

    private List<Path> receipts() throws Exception {
        Path folder = dir.resolve("ingest/city/_receipts");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".pending.json")).toList();
        }
    }
}
