package io.hiraku.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How every Kafka client Hiraku makes connects: the bootstrap servers ({@code hiraku.kafka.brokers}) and, for
 * a secured cluster, a Kafka client properties file ({@code hiraku.kafka.client-config}): the file Kafka's own
 * tools take with {@code --command-config}, and what managed Kafka services hand out ({@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}, ...). It applies to the
 * routes' producers and consumers (Camel's Kafka component), the topic check at start and the backlog metric,
 * so one file secures them all; Hiraku reads no security setting of its own.
 */
record KafkaConnection(String brokers, Map<String, Object> clientConfig) {

    static KafkaConnection of(Settings settings) {
        return new KafkaConnection(settings.get(Settings.KAFKA_BROKERS), load(settings.get(Settings.KAFKA_CLIENT_CONFIG)));
    }

    /** The properties of a client properties file; none when no file is named. */
    static Map<String, Object> load(String file) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (file == null || file.isBlank()) {
            return config;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("The Kafka client configuration " + file
                    + " (hiraku.kafka.client-config) does not exist", e);
        } catch (IOException e) {
            throw new IllegalStateException("The Kafka client configuration " + file
                    + " (hiraku.kafka.client-config) cannot be read: " + e.getMessage(), e);
        }
        if (properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalStateException("The Kafka client configuration " + file + " names bootstrap.servers: "
                    + "give the brokers in hiraku.kafka.brokers instead, so that every node reads them from one place");
        }
        properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key).trim()));
        return Map.copyOf(config);
    }

    /** A Kafka admin or consumer client's configuration: the brokers, {@code more}, then the client file. */
    Map<String, Object> client(Map<String, Object> more) {
        Map<String, Object> config = new LinkedHashMap<>(more);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.putAll(clientConfig);
        return config;
    }

    /** The routes' endpoints copy the component's configuration: the client file's properties come last there too. */
    void applyTo(KafkaComponent component) {
        if (!clientConfig.isEmpty()) {
            component.getConfiguration().setAdditionalProperties(new LinkedHashMap<>(clientConfig));
        }
    }

    /** Whether the connection is secured (for the start-up log line; never the secrets themselves). */
    String describe() {
        Object protocol = clientConfig.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        Object mechanism = clientConfig.get("sasl.mechanism");
        return brokers + " (" + (protocol == null ? "PLAINTEXT" : protocol) + (mechanism == null ? "" : ", " + mechanism) + ")";
    }
}
