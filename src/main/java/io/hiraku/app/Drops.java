package io.hiraku.app;

import io.hiraku.publish.DurableFiles;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The ingest stage's work with a dropped file: archive it before anything else (content-addressed by
 * sha256, forced to disk); for a refused file, keep a copy in {@code rejected/<department>/}; once done,
 * delete it from the drop folder, or after a failure move it to {@code failed/<department>/}, if it is still
 * the file that was taken.
 */
public final class Drops {
    private static final Logger LOG = LoggerFactory.getLogger(Drops.class);
    private final Workspace workspace;
    private final DropJournal journal;
    private final Outcomes outcomes;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final ObjectStore sharedArchive;
    /** Drops done (or failed) that could not be removed from their folder, as they were then. */
    private final java.util.Set<DroppedFile> stuck = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param sharedArchive distributed mode's shared archive (refused files are kept there), or null */
    public Drops(Workspace workspace, DropJournal journal, Outcomes outcomes, PipelineMetrics metrics, Clock clock,
                 ObjectStore sharedArchive) {
        this.sharedArchive = sharedArchive;
        this.metrics = metrics;
        metrics.watchStuckDrops(stuck::size);
        this.workspace = workspace;
        this.journal = journal;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Archives the dropped file as {@code archive/<department>/<sha256>/<file name>} and starts its job. The
     * sha256 is that of the copy, so the archive holds exactly the bytes its name says.
     *
     * @param relativePath the path under the ingest folder, {@code <department>/<file name>}
     * @param bytes        the file's size when it was taken (Camel's header; absent for a drop landed from the
     *                     ingest store, which is Hiraku's own copy)
     * @param modified     its modification time then, likewise
     * @return null if the file changed while it was read (written over after it had settled): it is taken
     *         again, whole, at the next poll; null too if it was taken away before it was read
     */
    public IngestJob archive(java.io.File file, @Header("CamelFileRelativePath") String relativePath,
                             @Header(Exchange.FILE_LENGTH) Long bytes,
                             @Header(Exchange.FILE_LAST_MODIFIED) Long modified, Exchange exchange) throws IOException {
        Path dropped = file.toPath();
        Path relative = Path.of(relativePath);
        String department = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        String name = dropped.getFileName().toString();
        // every log line of this drop names it (see the logback pattern)
        MDC.clear();
        MDC.put("department", department);
        MDC.put("file", FileNames.printable(name));
        Path departmentArchive = Files.createDirectories(workspace.archive().resolve(department));
        Path incoming = DurableFiles.temporaryFor(departmentArchive.resolve(name));
        Path archived;
        String sha;
        String fileKey;
        try {
            try {
                fileKey = DroppedFile.keyOf(dropped);
                // the system's copy, then the hash of the copy (from the page cache): the archive holds exactly
                // the bytes its sha256 names, and this is faster than hashing while copying through the JVM
                Files.copy(dropped, incoming, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.NoSuchFileException e) {
                LOG.info("{}/{} was taken away before it was read; nothing to do", department, FileNames.printable(name));
                MDC.clear();
                return null;
            }
            sha = Sha256.of(incoming);
            if (bytes != null && modified != null && !new DroppedFile(dropped, bytes, modified, fileKey).isStillThere()) {
                LOG.info("{}/{} changed while it was being read; it is taken again once it has settled",
                        department, FileNames.printable(name));
                MDC.clear();
                return null;
            }
            archived = Files.createDirectories(workspace.archived(department, sha)).resolve(name);
            if (!Files.exists(archived)) {
                DurableFiles.moveIntoPlace(incoming, archived);
            }
            ArchiveRetention.touch(archived, clock);
        } finally {
            Files.deleteIfExists(incoming);
        }
        exchange.getMessage().setHeader(DroppedFile.FILE_KEY, fileKey);
        metrics.received(department);
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
        LOG.info("Received {} ({}, sha256 {}), archived", job, io.hiraku.publish.ByteSize.human(job.getBytes()),
                sha.substring(0, 12));
        return job;
    }

    /**
     * The drop is done (every dataset it feeds has its receipt): the journal says so, the file is deleted
     * from the drop folder if it is still the one taken, and the journal forgets it. A crash in between is
     * harmless: a done drop found again is only deleted. A file dropped under the same name meanwhile is
     * a new drop, left for the next poll.
     */
    public void finish(@Header("CamelFileAbsolutePath") String path,
                       @Header("CamelFileRelativePath") String relativePath,
                       @Header(Exchange.FILE_LENGTH) long bytes,
                       @Header(Exchange.FILE_LAST_MODIFIED) long modified,
                       @Header(DroppedFile.FILE_KEY) String fileKey) throws IOException {
        Path relative = Path.of(relativePath);
        String department = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        String name = relative.getFileName().toString();
        journal.done(department, name);
        DroppedFile dropped = new DroppedFile(Path.of(path), bytes, modified, fileKey);
        if (dropped.isStillThere()) {
            try {
                Files.deleteIfExists(dropped.path());
                DurableFiles.forceFolder(dropped.path().getParent());
            } catch (IOException e) {
                cannotRemove(dropped, relativePath, e);
            }
        } else {
            LOG.info("{}/{} was replaced while it was processed; the new file is taken as a new drop",
                    department, FileNames.printable(name));
        }
        journal.close(department, name);
        MDC.clear();
    }

    /**
     * A drop that failed after its retries (its "failed" receipt is written): the file goes to
     * {@code failed/<department>/}, so that it is not taken again and again; a file dropped under the same
     * name meanwhile is left for the next poll. The original is in the archive either way.
     */
    public void failed(@Header("CamelFileAbsolutePath") String path,
                       @Header("CamelFileRelativePath") String relativePath,
                       @Header(Exchange.FILE_LENGTH) long bytes,
                       @Header(Exchange.FILE_LAST_MODIFIED) long modified,
                       @Header(DroppedFile.FILE_KEY) String fileKey) throws IOException {
        DroppedFile dropped = new DroppedFile(Path.of(path), bytes, modified, fileKey);
        if (!dropped.isStillThere()) {
            LOG.warn("{} failed and was replaced meanwhile; the new file is taken as a new drop", relativePath);
            return;
        }
        Path target;
        try {
            target = FailedDrops.keep(dropped.path(), workspace.failed(), Path.of(relativePath).getName(0).toString());
        } catch (IOException e) {
            cannotRemove(dropped, relativePath, e);
            MDC.clear();
            return;
        }
        DurableFiles.forceFolder(dropped.path().getParent());
        LOG.warn("{} failed; kept as {} (put it back in its drop folder once the cause is fixed)", relativePath, target);
        MDC.clear();
    }

    /**
     * True for a drop that could not be removed from its folder (Hiraku may not delete there): it is not
     * taken again while it is unchanged, which would only repeat its receipt at every poll.
     */
    public boolean isStuck(Path path, long bytes, long modified) {
        return stuck.contains(new DroppedFile(path, bytes, modified, null));
    }

    /** Whether any drop is stuck (the drop filter asks this first: most polls need no file's size or time). */
    public boolean anyStuck() {
        return !stuck.isEmpty();
    }

    private void cannotRemove(DroppedFile dropped, String relativePath, IOException e) {
        stuck.add(dropped.listed());
        LOG.error("{} cannot be removed from its drop folder ({}); it stays there, and is not taken again until it "
                + "changes or Hiraku restarts. Give Hiraku the right to delete files in {}", relativePath, e,
                dropped.path().getParent());
    }

    /**
     * Keeps a copy of the refused file for the open-data team, beside the others refused from its department:
     * {@code rejected/<department>/} in the work folder, or in distributed mode in the shared archive, where
     * the refusals of every worker are in one place. A different file refused under the same name earlier
     * is kept too: the new copy's name starts with the time it was received.
     */
    public IngestJob reject(IngestJob job) throws IOException {
        String kept = ReceiptPlace.refused(workspace, sharedArchive, job.getDepartment()).keep(job.getArchived(),
                job.getSha256(), job.getFileName(), receivedName(job));
        LOG.info("{}: the refused file is kept as {}", job, kept);
        journal.step(job, DropJournal.State.REJECTED, null);
        return job;
    }

    /** The name of a refused file's copy when another file was refused under its name before. */
    private static String receivedName(IngestJob job) {
        return Receipts.stamp(job.getReceivedAt()) + "_" + FileNames.shortened(job.getFileName(), FileNames.DERIVED_MAX_BYTES);
    }
}
