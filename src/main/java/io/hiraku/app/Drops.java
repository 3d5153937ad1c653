package io.hiraku.app;

import io.hiraku.publish.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage's work: archive a dropped file before anything else (content-addressed by sha256,
 * forced to disk), and, for a refused file, keep a copy in {@code rejected/<department>/}.
 */
public final class Drops {
    private static final Logger LOG = LoggerFactory.getLogger(Drops.class);
    private final Workspace workspace;
    private final Clock clock;

    public Drops(Workspace workspace, Clock clock) {
        this.workspace = workspace;
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
        IngestJob job = new IngestJob(department, name, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        String sha = Sha256.of(dropped);
        Path folder = Files.createDirectories(workspace.archive().resolve(department.isEmpty() ? "_" : department)
                .resolve(sha));
        Path archived = folder.resolve(name);
        if (!Files.exists(archived)) {
            Path temp = folder.resolve("." + name + ".tmp");
            Files.copy(dropped, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, archived, StandardCopyOption.ATOMIC_MOVE);
        }
        job.archived(archived, sha, Files.size(archived));
        LOG.info("Received {} ({} bytes, sha256 {}), archived", job, job.getBytes(), sha.substring(0, 12));
        return job;
    }

    /** Keeps the refused file where the department can find it, next to its receipt. */
    public IngestJob reject(IngestJob job) throws IOException {
        Path folder = Files.createDirectories(workspace.rejected().resolve(job.getDepartment()));
        Path target = folder.resolve(job.getFileName());
        if (Files.exists(target)) {
            target = folder.resolve(Receipts.stamp(job.getReceivedAt()) + "_" + job.getFileName());
        }
        Files.copy(job.getArchived(), target, StandardCopyOption.REPLACE_EXISTING);
        return job;
    }
}
