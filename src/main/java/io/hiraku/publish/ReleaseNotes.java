package io.hiraku.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The notes of a new release, written to its staging folder before it is published: {@code changes.json}
 * (what changed since the published release, by {@link ReleaseDiff}) and {@code releases.json} (the
 * dataset's release history, newest first, with each release's summary).
 */
public final class ReleaseNotes {
    public static final String CHANGES = "changes.json";
    public static final String HISTORY = "releases.json";
    /** The field of a history entry that marks its release withdrawn: {@code {"at": …, "reason": …}}. */
    static final String WITHDRAWN = "withdrawn";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectStore store;

    public ReleaseNotes(ObjectStore store) {
        this.store = store;
    }

    public StagedRelease write(StagedRelease release, List<String> primaryKey) throws IOException {
        String id = release.datasetId();
        Path dir = release.directory();
        // the history without this release: a release taken up again after a crash may already be in it
        ArrayNode entries = JSON.createArrayNode();
        for (JsonNode entry : history(store, id).orElseGet(JSON::createArrayNode)) {
            if (!entry.path("release").asText().equals(release.releaseId())) {
                entries.add(entry);
            }
        }
        // the release this one follows: the newest still published (withdrawn ones stay in the history as a record)
        String previous = null;
        boolean sameOriginal = false;
        for (JsonNode entry : entries) {
            if (isLive(entry)) {
                previous = entry.path("release").asText();
                sameOriginal = release.original().sha256().equals(entry.path("originalSha256").asText());
                break;
            }
        }
        PublishedFile changes = null;
        ObjectNode counts = null;
        String summary = "first release";
        Optional<InputStream> previousData = previous == null ? Optional.empty() : previousCsv(id, previous);
        if (previousData.isPresent()) {
            Path previousCsv = dir.resolve(".previous.csv");
            try (InputStream in = previousData.get()) {
                Files.copy(in, previousCsv, StandardCopyOption.REPLACE_EXISTING);
            }
            ReleaseDiff.Changes diff = ReleaseDiff.of(previous, previousCsv,
                    release.releaseId(), dir.resolve(Format.CSV.fileName(id)), primaryKey, dir);
            Files.delete(previousCsv);
            // the same file makes a new release only under a changed definition
            summary = (sameOriginal ? "the same file under a changed definition: " : "") + diff.summary();
            changes = write(dir.resolve(CHANGES), JSON.valueToTree(diff));
            counts = JSON.createObjectNode().put("added", diff.added()).put("removed", diff.removed())
                    .put("changed", diff.changed());
            diff.addedColumns().forEach(counts.putArray("addedColumns")::add);
            diff.removedColumns().forEach(counts.putArray("removedColumns")::add);
            if (sameOriginal) {
                counts.put("sameOriginal", true);
            }
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("release", release.releaseId());
        entry.put("created", release.created().toString());
        entry.put("rows", release.rows());
        entry.put("original", release.original().fileName());
        entry.put("originalSha256", release.original().sha256());
        if (previous != null) {
            entry.put("previousRelease", previous);
        }
        entry.put("summary", summary);
        if (counts != null) {
            entry.set("changes", counts);
        }
        entries.insert(0, entry);
        PublishedFile historyFile = write(dir.resolve(HISTORY), entries);
        return release.withNotes(changes, historyFile);
    }

    /** The previous release's CSV: its immutable copy, or the dataset's latest CSV for stores older than that copy. */
    private Optional<InputStream> previousCsv(String id, String previous) throws IOException {
        Optional<InputStream> kept = store.open(Publisher.releaseKey(id, previous) + Format.CSV.fileName(id));
        return kept.isPresent() ? kept : store.open(DatasetIris.datasetKey(id) + Format.CSV.fileName(id));
    }

    /** Replaces a dataset's published history ({@code releases.json}), written under {@code scratch} first. */
    static void putHistory(ObjectStore store, Path scratch, String id, ArrayNode history) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "releases", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(history) + "\n", java.nio.charset.StandardCharsets.UTF_8);
            store.put(DatasetIris.datasetKey(id) + HISTORY, file, ObjectInfo.changing("application/json"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Whether a history entry is a release still published, not one withdrawn. */
    static boolean isLive(JsonNode entry) {
        return !entry.has(WITHDRAWN);
    }

    /** The history entry of a withdrawn release made from this original (by its sha256), if there is one. */
    public static Optional<JsonNode> withdrawnFrom(ObjectStore store, String id, String originalSha256) throws IOException {
        for (JsonNode entry : history(store, id).orElseGet(JSON::createArrayNode)) {
            if (!isLive(entry) && originalSha256.equals(entry.path("originalSha256").asText())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** A dataset's published history ({@code releases.json}, newest first); empty if it has none. */
    static Optional<ArrayNode> history(ObjectStore store, String id) throws IOException {
        Optional<InputStream> in = store.open(DatasetIris.datasetKey(id) + HISTORY);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            JsonNode node = JSON.readTree(stream);
            return node instanceof ArrayNode array ? Optional.of(array) : Optional.empty();
        }
    }

    private static PublishedFile write(Path path, JsonNode json) throws IOException {
        Files.write(path, (JSON.writeValueAsString(json) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new PublishedFile(path, path.getFileName().toString(), null, Files.size(path), Sha256.of(path));
    }
}
