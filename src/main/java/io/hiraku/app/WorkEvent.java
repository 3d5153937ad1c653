package io.hiraku.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One unit of work in distributed mode: build and publish one dataset's release from one dropped file.
 * Sent by the ingest node on the work topic keyed by the dataset id, so that the releases of a dataset
 * are built in drop order while other datasets go to other workers. {@code release} is the release's
 * instant, pinned when the drop was queued: a redelivered event builds the same release, never a second.
 *
 * @param original the key of the file in the shared archive
 * @param origin   where the file was dropped ({@link IngestJob.Origin}), so where its receipt goes
 */
public record WorkEvent(String department, String fileName, String receivedAt, String sha256, long bytes,
                        String dataset, String release, String original, String origin) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static WorkEvent of(IngestJob job, Instant release, String original) {
        return new WorkEvent(job.getDepartment(), job.getFileName(), job.getReceivedAt().toString(), job.getSha256(),
                job.getBytes(), job.getDataset().id(), release.toString(), original, job.getOrigin().name());
    }

    /** The key of a dropped file in the shared archive: {@code originals/<department>/<sha256>/<file name>}. */
    static String archiveKey(String department, String sha256, String fileName) {
        return "originals/" + (department.isEmpty() ? "_" : department) + "/" + sha256 + "/" + fileName;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorkEvent parse(String json) {
        try {
            return JSON.readValue(json, WorkEvent.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Hiraku work event: " + e.getMessage(), e);
        }
    }

    public Instant releaseInstant() {
        return Instant.parse(release);
    }

    @Override
    public String toString() {
        return department + "/" + FileNames.printable(fileName) + " → " + dataset + " (release " + release + ")";
    }
}
