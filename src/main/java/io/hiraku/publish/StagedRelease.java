package io.hiraku.publish;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A release written to the staging folder, ready to be put into the object store: the data files in
 * every format, then the CSVW metadata, the column profile, {@code datapackage.json} and {@code SHA256SUMS} (data first),
 * and for a table of places its bounding box ({@link Extent#bbox}; null otherwise).
 */
public record StagedRelease(
        String datasetId,
        String releaseId,
        Instant created,
        Original original,
        long rows,
        Path directory,
        List<PublishedFile> dataFiles,
        PublishedFile csvwMetadata,
        PublishedFile profile,
        PublishedFile dataPackage,
        PublishedFile checksums,
        PublishedFile changes,
        PublishedFile history,
        java.util.List<java.math.BigDecimal> bbox) {

    /** The same release with its notes: changes since the previous release (null for the first) and history. */
    public StagedRelease withNotes(PublishedFile changesFile, PublishedFile historyFile) {
        return new StagedRelease(datasetId, releaseId, created, original, rows, directory, dataFiles, csvwMetadata,
                profile, dataPackage, checksums, changesFile, historyFile, bbox);
    }
}
