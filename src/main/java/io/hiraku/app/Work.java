package io.hiraku.app;

import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Sha256;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A worker's part in distributed mode: turn a work event into the job the release stage builds (its
 * original fetched from the shared archive and checked against its sha256), and commit the event's
 * offset once the job has its receipt, so that a worker that stops before that leaves the event to
 * another worker.
 */
public final class Work {
    private static final Logger LOG = LoggerFactory.getLogger(Work.class);
    private final CatalogSource catalog;
    private final ObjectStore sharedArchive;
    private final Workspace workspace;
    private final java.time.Clock clock;

    public Work(CatalogSource catalog, ObjectStore sharedArchive, Workspace workspace, java.time.Clock clock) {
        this.catalog = catalog;
        this.sharedArchive = sharedArchive;
        this.workspace = workspace;
        this.clock = clock;
    }

    /**
     * @param json the event, kept in an exchange property by the route: a retry after a failure here takes it
     *             again from there, while the message already holds the job (so that a "failed" receipt, if it
     *             comes to that, reaches the department)
     */
    public IngestJob take(@ExchangeProperty("event") String json, Exchange exchange) throws IOException {
        WorkEvent event = WorkEvent.parse(json);
        MDC.clear();
        MDC.put("department", event.department());
        MDC.put("file", FileNames.printable(event.fileName()));
        MDC.put("dataset", event.dataset());
        IngestJob job = new IngestJob(event.department(), event.fileName(), Instant.parse(event.receivedAt()));
        job.origin(event.origin() == null ? IngestJob.Origin.FOLDER : IngestJob.Origin.valueOf(event.origin()));
        exchange.getMessage().setBody(job);
        job.archived(fetch(event), event.sha256(), event.bytes());
        Definitions definitions = catalog.load();
        job.definitions(definitions);
        Optional<DatasetDefinition> dataset = definitions.dataset(event.dataset());
        if (dataset.isEmpty()) {
            job.end(IngestJob.Outcome.REJECTED,
                    "データセット「" + event.dataset() + "」の定義がなくなったため、公開できませんでした。オープンデータ担当に確認してください",
                    "the definition of dataset '" + event.dataset() + "' is gone, so the file was not published; "
                            + "ask the open-data team");
            return job;
        }
        job.dataset(dataset.get());
        job.pinRelease(event.releaseInstant());
        LOG.info("Working on {}", event);
        return job;
    }

    /**
     * The original in this worker's archive folder, fetched from the shared archive unless already here, and
     * checked against the sha256 it was queued with (a file that is not is deleted again).
     */
    private Path fetch(WorkEvent event) throws IOException {
        Path local = workspace.archived(event.department(), event.sha256()).resolve(event.fileName());
        if (Files.isRegularFile(local) && Files.size(local) == event.bytes()) {
            ArchiveRetention.touch(local, clock);
            return local;
        }
        if (!sharedArchive.download(event.original(), local)) {
            throw new IOException("the original " + event.original() + " is not in the shared archive "
                    + sharedArchive.describe());
        }
        String sha = Sha256.of(local);
        if (!sha.equals(event.sha256())) {
            Files.delete(local);
            throw new IOException("the original " + event.original() + " in the shared archive has sha256 " + sha
                    + ", not " + event.sha256() + " as queued");
        }
        ArchiveRetention.touch(local, clock);
        return local;
    }

    /**
     * The event is done (its receipt written): its offset is committed, so it is not delivered again. A
     * worker that held one event longer than {@code hiraku.kafka.max-poll-interval-ms} (the store was down, and
     * it waited) has lost its partitions: the commit is refused, and the event is delivered again, here or to
     * another worker, which finds the same release published (its instant is in the event). That is no failure
     * of the drop, whose receipt is right: it is logged, not thrown (a "failed" receipt would replace it).
     */
    public void commit(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit != null) {
            try {
                commit.commit();
            } catch (KafkaException e) {
                LOG.warn("{}: done, but the work topic took the event back while it waited ({}); it will be delivered "
                        + "again and find its release published", exchange.getMessage().getBody(), e.getMessage());
            }
        }
        MDC.clear();
    }
}
