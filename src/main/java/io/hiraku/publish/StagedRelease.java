package io.hiraku.publish;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A release written to the staging folder, ready to be put into the object store: the data files in
 * every format, then {@code datapackage.json} and {@code SHA256SUMS} (in that order: data first).
 */
public record StagedRelease(
        String datasetId,
        String releaseId,
        Instant created,
        Original original,
        long rows,
        Path directory,
        List<PublishedFile> dataFiles,
        PublishedFile dataPackage,
        PublishedFile checksums) {
}
