package io.hiraku.catalog;

import io.hiraku.schema.DatasetDefinition;
import java.util.List;

/**
 * A defined dataset no longer published because every release of it was withdrawn: its history (newest
 * first), for the feeds that tell their readers so.
 */
public record WithdrawnDataset(DatasetDefinition definition, List<PublishedDataset.Version> versions) {
    public WithdrawnDataset {
        versions = List.copyOf(versions);
    }

    /** Its last withdrawal: when and why ("" for both if its history names none). */
    public PublishedDataset.Withdrawn last() {
        return versions.stream().filter(v -> !v.live()).map(PublishedDataset.Version::withdrawn)
                .max(java.util.Comparator.comparing(PublishedDataset.Withdrawn::at))
                .orElse(new PublishedDataset.Withdrawn("", ""));
    }
}
