package io.hiraku.publish;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A release written to the staging folder, ready to be put into the object store: the data files in
 * every format, then the CSVW metadata, {@code datapackage.json} and {@code SHA256SUMS} (data first).
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
        PublishedFile dataPackage,
        PublishedFile checksums) {
}
