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

    /** When it was withdrawn: its last withdrawal. */
    public String withdrawnAt() {
        return versions.stream().filter(v -> !v.live()).map(v -> v.withdrawn().at()).max(String::compareTo).orElse("");
    }
}
