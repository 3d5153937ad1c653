package io.hiraku.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Hiraku's own numbers, beside Camel's route metrics on the management server's
 * {@code /observe/metrics} (Prometheus): drops received and how they ended (by department), rows
 * published (its rate is rows per second), object store errors, drops waiting for the store, the
 * queue of files in the drop folders, and in distributed mode the work events no worker has finished. On a
 * worker, the receipts and rows are that worker's throughput.
 */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final Counter rows;
    private final Counter storeErrors;
    private final Counter rebuilds;

    public PipelineMetrics(MeterRegistry registry, Path ingest) {
        this.registry = registry;
        this.rows = Counter.builder("hiraku.rows.published").description("Rows published").register(registry);
        this.storeErrors = Counter.builder("hiraku.store.errors")
                .description("Attempts that failed because the object store could not be reached").register(registry);
        this.rebuilds = Counter.builder("hiraku.catalog.rebuilds")
                .description("Catalog rebuilds (in distributed mode one per burst of releases)").register(registry);
        Gauge.builder("hiraku.queue.depth", ingest, PipelineMetrics::filesWaiting)
                .description("Files in the drop folders, not yet taken").register(registry);
    }

    /** Drops waiting for the object store to come back, read from where they are counted when scraped. */
    void watchStoreWaiting(IntSupplier waiting) {
        Gauge.builder("hiraku.store.waiting", waiting::getAsInt)
                .description("Drops waiting for the object store to come back").register(registry);
    }

    /** The work folder's free space, and the drops that wait in their folders for room there. */
    void watchDisk(DiskRoom room) {
        Gauge.builder("hiraku.disk.free.bytes", room, DiskRoom::free)
                .description("Free space on the work folder's disk (archive, staging), bytes").register(registry);
        Gauge.builder("hiraku.drops.waiting.for.room", room, DiskRoom::waiting)
                .description("Drops left in their folders because the work folder's disk has too little room").register(registry);
    }

    /** Drops Hiraku could not remove from their folder (no right to delete there), left where they are. */
    void watchStuckDrops(IntSupplier stuck) {
        Gauge.builder("hiraku.drops.stuck", stuck::getAsInt)
                .description("Drops done or failed that could not be removed from their folder (no right to delete there)")
                .register(registry);
    }

    /** Receipt mails waiting in the outbox for the mail server to take them. */
    void watchUnsentMails(IntSupplier unsent) {
        Gauge.builder("hiraku.mails.waiting", unsent::getAsInt)
                .description("Receipt mails in the outbox, not taken by the mail server yet").register(registry);
    }

    /** Distributed mode: the work events queued and not finished by any worker (consumer lag). */
    void watchWorkBacklog(WorkBacklog backlog) {
        Gauge.builder("hiraku.work.backlog", backlog, WorkBacklog::events)
                .description("Work events on the work topic that no worker has finished (consumer lag)").register(registry);
    }

    void received(String department) {
        Counter.builder("hiraku.files.received").tag("department", department).register(registry).increment();
    }

    /** A dataset's part of a drop has ended (each receipt counts once). */
    void ended(IngestJob job) {
        Counter.builder("hiraku.files.ended").description("Receipts written, by outcome")
                .tag("department", job.getDepartment())
                .tag("outcome", job.getOutcome().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
        if (job.getOutcome() == IngestJob.Outcome.PUBLISHED && job.getRelease() != null) {
            rows.increment(job.getRelease().rows());
        }
    }

    void catalogRebuilt() {
        rebuilds.increment();
    }

    /** A receipt mailed (the receipt-mail route, after the server took it). */
    public void mailSent() {
        Counter.builder("hiraku.mails.sent").description("Receipts mailed to departments").register(registry).increment();
    }

    /** A receipt's mail not taken after the route's retries (the mail server down or refusing it); it waits in the outbox. */
    public void mailFailed() {
        Counter.builder("hiraku.mails.failed").description("Receipt mail tries not taken after their retries (the mail waits in the outbox)")
                .register(registry).increment();
    }

    void storeError() {
        storeErrors.increment();
    }

    private static double filesWaiting(Path ingest) {
        try {
            return PipelineRunner.countDrops(ingest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
