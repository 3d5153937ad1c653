package io.hiraku.app;

import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ingest stage's work: archive a dropped file before anything else (content-addressed by sha256,
 * forced to disk), and, for a refused file, keep a copy in {@code rejected/<department>/}.
 */
public final class Drops {
    private static final Logger LOG = LoggerFactory.getLogger(Drops.class);
    private final Workspace workspace;
    private final DropJournal journal;
    private final Outcomes outcomes;
    private final PipelineMetrics metrics;
    private final Clock clock;

    public Drops(Workspace workspace, DropJournal journal, Outcomes outcomes, PipelineMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.workspace = workspace;
        this.journal = journal;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Archives the dropped file as {@code archive/<department>/<sha256>/<file name>} and starts its job.
     *
     * @param relativePath the path under the ingest folder, {@code <department>/<file name>}
     */
    public IngestJob archive(java.io.File file, @Header("CamelFileRelativePath") String relativePath)
            throws IOException {
        Path dropped = file.toPath();
        Path relative = Path.of(relativePath);
        String department = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        String name = dropped.getFileName().toString();
        // every log line of this drop names it (see the logback pattern)
        MDC.clear();
        MDC.put("department", department);
        MDC.put("file", FileNames.printable(name));
        metrics.received(department);
        String sha = Sha256.of(dropped);
        Path folder = Files.createDirectories(workspace.archived(department, sha));
        Path archived = folder.resolve(name);
        if (!Files.exists(archived)) {
            DurableFiles.copy(dropped, archived);
        }
        DropJournal.Entry entry = journal.begin(department, name, Files.size(archived), sha,
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        IngestJob job = new IngestJob(department, name, entry.received());
        job.archived(archived, sha, Files.size(archived));
        if (entry.state() == DropJournal.State.DONE) {
            job.alreadyDone();
            outcomes.record(job.dropKey(), entry.outcome());
            LOG.info("{} was finished before an interruption ({}); removing the file", job, entry.outcome());
            return job;
        }
        LOG.info("Received {} ({} bytes, sha256 {}), archived", job, job.getBytes(), sha.substring(0, 12));
        return job;
    }

    /**
     * The drop is done (every dataset it feeds has its receipt): the journal says so, the file is deleted
     * from the drop folder, and the journal forgets it. A crash in between is harmless: a done drop found
     * again is only deleted.
     */
    public void finish(@Header("CamelFileAbsolutePath") String absolutePath,
                       @Header("CamelFileRelativePath") String relativePath) throws IOException {
        Path relative = Path.of(relativePath);
        String department = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        String name = relative.getFileName().toString();
        journal.done(department, name);
        Path dropped = Path.of(absolutePath);
        Files.deleteIfExists(dropped);
        DurableFiles.forceFolder(dropped.getParent());
        journal.close(department, name);
        MDC.clear();
    }

    /** Keeps the refused file where the department can find it, next to its receipt. */
    public IngestJob reject(IngestJob job) throws IOException {
        Path folder = Files.createDirectories(workspace.rejected().resolve(job.getDepartment()));
        Path target = folder.resolve(job.getFileName());
        if (Files.exists(target) && !Sha256.of(target).equals(job.getSha256())) {
            target = folder.resolve(Receipts.stamp(job.getReceivedAt()) + "_"
                    + FileNames.shortened(job.getFileName(), FileNames.DERIVED_MAX_BYTES));
        }
        DurableFiles.copy(job.getArchived(), target);
        journal.step(job, DropJournal.State.REJECTED, null);
        return job;
    }
}
