package io.hiraku.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The workers' consumer lag: work events queued on the work topic that no worker has finished (the end
 * offset of each partition less the workers' committed offset), read from Kafka when the metrics are
 * scraped, at most every two seconds. It grows when drops come faster than the workers publish: the
 * number to add workers by. NaN while Kafka cannot be reached.
 */
final class WorkBacklog extends ServiceSupport {
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final KafkaConnection kafka;
    private final String topic;
    private final String group;
    private Admin admin;
    private long readAt;
    private double last = Double.NaN;

    WorkBacklog(KafkaConnection kafka, String topic, String group) {
        this.kafka = kafka;
        this.topic = topic;
        this.group = group;
    }

    synchronized double events() {
        long now = System.nanoTime();
        if (readAt != 0 && now - readAt < CACHE_NANOS) {
            return last;
        }
        readAt = now;
        try {
            if (admin == null) {
                admin = Admin.create(kafka.client(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000)));
            }
            List<TopicPartitionInfo> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(2, TimeUnit.SECONDS).get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartitionInfo p : partitions) {
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(2, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                    .get(2, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata done = committed.get(tp);
                long from = done != null ? done.offset() : starts.get(tp).offset();
                lag += Math.max(0, ends.get(tp).offset() - from);
            }
            last = lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            last = Double.NaN;
        }
        return last;
    }

    @Override
    protected synchronized void doStop() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
            admin = null;
        }
    }
}
