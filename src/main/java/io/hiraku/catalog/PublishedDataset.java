package io.hiraku.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.publish.StagedRelease;
import io.hiraku.schema.DatasetDefinition;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as published: its definition plus what its latest {@code datapackage.json} records ({@code bbox}:
 * where a table of places is, {@code [west, south, east, north]}; null for other tables).
 */
public record PublishedDataset(
        DatasetDefinition definition,
        String release,
        Instant modified,
        long rows,
        String originalName,
        String originalSha256,
        String definitionSha256,
        List<Distribution> distributions,
        List<Version> versions,
        List<java.math.BigDecimal> bbox) {

    /** The dataset as it will be once a staged release is published: for checking its metadata first. */
    public static PublishedDataset staged(DatasetDefinition definition, StagedRelease release) throws IOException {
        List<Distribution> files = release.dataFiles().stream().map(f -> new Distribution(f.name(), f.format().key(),
                f.format().mediaType(), f.bytes(), f.sha256())).toList();
        List<Version> versions = new ArrayList<>();
        if (release.history() != null) {
            for (JsonNode v : new ObjectMapper().readTree(release.history().path().toFile())) {
                versions.add(Version.of(v));
            }
        }
        return new PublishedDataset(definition, release.releaseId(), release.created(), release.rows(),
                release.original().fileName(), release.original().sha256(),
                io.hiraku.publish.DefinitionFingerprint.of(definition), files, versions, release.bbox());
    }

    /** The releases of its history that are still published (not withdrawn), newest first. */
    public List<Version> liveVersions() {
        return versions.stream().filter(Version::live).toList();
    }

    /**
     * A release in the dataset's history (newest first), with what changed in it; {@code withdrawn} when
     * it was taken down (its files are gone), else null.
     */
    public record Version(String release, String created, long rows, String summary, Withdrawn withdrawn) {
        /** An entry of {@code releases.json}. */
        public static Version of(JsonNode entry) {
            JsonNode w = entry.path("withdrawn");
            return new Version(entry.path("release").asText(), entry.path("created").asText(), entry.path("rows").asLong(),
                    entry.path("summary").asText(), w.isObject()
                            ? new Withdrawn(w.path("at").asText(), w.path("reason").asText()) : null);
        }

        public boolean live() {
            return withdrawn == null;
        }
    }

    /** When a release was withdrawn and why, as the operator gave it. */
    public record Withdrawn(String at, String reason) {
    }

    /** One published file of the dataset; {@code format} is its {@link io.hiraku.publish.Format} key. */
    public record Distribution(String name, String format, String mediaType, long bytes, String sha256) {
    }
}
