package io.hiraku.catalog;

import io.hiraku.schema.DatasetDefinition;
import java.time.Instant;
import java.util.List;

/** A dataset as published: its definition plus what its latest {@code datapackage.json} records. */
public record PublishedDataset(
        DatasetDefinition definition,
        String release,
        Instant modified,
        long rows,
        String originalName,
        String originalSha256,
        List<Distribution> distributions,
        List<Version> versions) {

    /** A release in the dataset's history (newest first), with what changed in it. */
    public record Version(String release, String created, long rows, String summary) {
    }

    /** One published file of the dataset; {@code format} is its {@link io.hiraku.publish.Format} key. */
    public record Distribution(String name, String format, String mediaType, long bytes, String sha256) {
    }
}
