package io.hiraku.app;

import io.hiraku.publish.ObjectInfo;
import io.hiraku.publish.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest node's part in distributed mode: for each dataset a drop feeds, put the original into the
 * shared archive (where every worker finds it), pin the release's instant in the drop journal, and give
 * the route the work event to put on the work topic.
 */
public final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);
    private final ObjectStore sharedArchive;
    private final DropJournal journal;
    private final Clock clock;
    private Instant last = Instant.EPOCH;

    public Dispatch(ObjectStore sharedArchive, DropJournal journal, Clock clock) {
        this.sharedArchive = sharedArchive;
        this.journal = journal;
        this.clock = clock;
    }

    /** @return the work event, as JSON, for the job's dataset */
    public String event(IngestJob job) throws IOException {
        String key = WorkEvent.archiveKey(job.getDepartment(), job.getSha256(), job.getFileName());
        if (!sharedArchive.exists(key)) {
            sharedArchive.put(key, job.getArchived(),
                    ObjectInfo.immutable("application/octet-stream").withSha256(job.getSha256()));
        }
        // queued again after a restart: the same release instant, so a second event builds the same release
        Instant release = journal.pinnedRelease(job).orElseGet(this::nextInstant);
        journal.step(job, DropJournal.State.QUEUED, release);
        WorkEvent event = WorkEvent.of(job, release, key);
        LOG.info("Queuing {}", event);
        return event.toJson();
    }

    /**
     * Now, to the millisecond, and always later than the last one given: release ids of one dataset follow
     * the order of its drops even when two arrive within a millisecond.
     */
    private synchronized Instant nextInstant() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }
}
