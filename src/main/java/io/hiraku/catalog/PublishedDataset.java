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
     * A release in the dataset's history (newest first), with what changed in it ({@code summary}, in English,
     * as feeds and DCAT carry it; {@code changes}, the counts, for pages in other languages: null for the first
     * release and for entries written before the counts were recorded); {@code withdrawn} when it was taken
     * down (its files are gone), else null.
     */
    public record Version(String release, String created, long rows, boolean first, String summary, Changes changes,
                          Withdrawn withdrawn) {
        /** An entry of {@code releases.json}. */
        public static Version of(JsonNode entry) {
            JsonNode w = entry.path("withdrawn");
            JsonNode c = entry.path("changes");
            return new Version(entry.path("release").asText(), entry.path("created").asText(), entry.path("rows").asLong(),
                    !entry.has("previousRelease"), entry.path("summary").asText(),
                    c.isObject() ? new Changes(c.path("added").asLong(), c.path("removed").asLong(),
                            c.path("changed").asLong(), texts(c.path("addedColumns")), texts(c.path("removedColumns")),
                            c.path("sameOriginal").asBoolean()) : null,
                    w.isObject() ? new Withdrawn(w.path("at").asText(), w.path("reason").asText()) : null);
        }

        private static List<String> texts(JsonNode array) {
            List<String> texts = new ArrayList<>();
            array.forEach(t -> texts.add(t.asText()));
            return List.copyOf(texts);
        }

        public boolean live() {
            return withdrawn == null;
        }
    }

    /**
     * What a release changed from the one before, as {@code releases.json} counts it: rows added, removed and
     * changed (by primary key), columns added and removed; {@code sameOriginal} when the same file was
     * published again under a changed definition.
     */
    public record Changes(long added, long removed, long changed, List<String> addedColumns, List<String> removedColumns,
                          boolean sameOriginal) {
    }

    /** When a release was withdrawn and why, as the operator gave it. */
    public record Withdrawn(String at, String reason) {
    }

    /** One published file of the dataset; {@code format} is its {@link io.hiraku.publish.Format} key. */
    public record Distribution(String name, String format, String mediaType, long bytes, String sha256) {
    }
}
