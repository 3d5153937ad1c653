package io.hiraku.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the two topics of distributed mode, if they are not there yet: the work topic with one partition
 * per worker that may be busy at once (events keyed by dataset id keep each dataset in one partition, in
 * order), and the "dataset published" topic with a single partition, so that one catalog builder of the
 * consumer group holds it at a time. Replication is the broker's default.
 */
final class KafkaTopics {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long TIMEOUT_SECONDS = 60;

    private KafkaTopics() {
    }

    static void ensure(KafkaConnection kafka, String workTopic, int workPartitions, String publishedTopic) {
        try (Admin admin = Admin.create(kafka.client(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(workTopic)) {
                missing.add(new NewTopic(workTopic, Optional.of(workPartitions), Optional.empty()));
            }
            if (!existing.contains(publishedTopic)) {
                missing.add(new NewTopic(publishedTopic, Optional.of(1), Optional.empty()));
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    LOG.info("Created Kafka topic {} ({} partition(s))", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.describe() + " (hiraku.kafka.brokers, "
                    + "hiraku.kafka.client-config) cannot be reached to check the topics " + workTopic + " and "
                    + publishedTopic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the Kafka topics", e);
        }
    }
}
