package io.hiraku.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes published data down: one release of a dataset, or the whole dataset (personal data published by
 * mistake, a wrong file, a dataset retired). In two steps, like {@link Retention}, so that the catalog never
 * points at a missing object: {@link #release} or {@link #dataset} takes the data out of what is published
 * (the history marks the release withdrawn, with when and why; the latest files go back to the previous
 * release; a withdrawn dataset loses its {@code datapackage.json}); once the catalog has been rebuilt without
 * it, {@link #remove} deletes the files. The changes of the release that followed a withdrawn one quote
 * rows of it (rows removed or changed since): those examples are taken out of its {@code changes.json}.
 * Each step can be run again after an interruption and finishes what was begun.
 */
public final class Withdrawal {
    private static final Logger LOG = LoggerFactory.getLogger(Withdrawal.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> LAST = List.of("SHA256SUMS", "datapackage.json");
    /** What a dataset withdrawn whole keeps at its address: its history, its page and its feed, which say so. */
    private static final Set<String> KEPT = Set.of(ReleaseNotes.HISTORY, "index.html", "feed.atom");

    private final ObjectStore store;
    private final Path scratch;

    public Withdrawal(ObjectStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** A withdrawal the command refuses: nothing published under that id, no such release. */
    public static final class NotWithdrawable extends Exception {
        public NotWithdrawable(String message) {
            super(message);
        }
    }

    /**
     * What was taken out of the published data, and what {@link #remove} deletes once the catalog no longer
     * links it.
     *
     * @param releases     the releases withdrawn now (none when the command is run again after it was done)
     * @param wholeDataset the dataset is no longer published at all
     * @param latest       the release the dataset's latest files are now; null when the whole dataset went
     * @param title        the dataset's title as published (for the page left at its address)
     * @param original     the name of the file the newest release withdrawn now was made from ("" if none)
     * @param originals    the sha256 of the dropped files the withdrawn releases were made from (now or before)
     * @param staleKeys    the dataset's latest files the release now latest does not have
     */
    public record Plan(String datasetId, List<String> releases, boolean wholeDataset, String latest, String title,
                       String original, Set<String> originals, Set<String> staleKeys) {
    }

    /**
     * Withdraws one release. The latest one: the previous release still published becomes the latest again
     * (its files copied back under the stable names). The only one still published: the whole dataset.
     */
    public Plan release(String datasetId, String releaseId, String reason, Instant at) throws IOException, NotWithdrawable {
        ArrayNode history = history(datasetId);
        ObjectNode entry = null;
        for (JsonNode e : history) {
            if (e.path("release").asText().equals(releaseId)) {
                entry = (ObjectNode) e;
            }
        }
        if (entry == null) {
            throw new NotWithdrawable("dataset " + datasetId + " has no release " + releaseId + "; its releases: "
                    + String.join(", ", releases(history, true)));
        }
        List<String> withdrawnNow = new ArrayList<>();
        if (ReleaseNotes.isLive(entry)) {
            if (releases(history, true).size() == 1) {
                LOG.info("{} is the only published release of {}: the dataset is withdrawn", releaseId, datasetId);
                return dataset(datasetId, reason, at);
            }
            mark(datasetId, entry, reason, at);
            withdrawnNow.add(releaseId);
        }
        if (releases(history, true).isEmpty()) {
            // the dataset was withdrawn whole already (this release with it): finish that, if it was interrupted
            return dataset(datasetId, reason, at);
        }
        String latest = releases(history, true).get(0);
        redactSuccessor(datasetId, history, releaseId, latest);
        Set<String> stale = new LinkedHashSet<>();
        Optional<JsonNode> latestPackage = read(dataPackageKey(datasetId));
        Optional<String> current = latestPackage.map(dp -> dp.path("hiraku").path("release").asText());
        if (current.isPresent() && !current.get().equals(latest)) {
            stale.addAll(releaseFileNames(datasetId, current.get()));
            List<String> names = releaseFileNames(datasetId, latest);
            stale.removeAll(names);
            restore(datasetId, latest, names, history);
            LOG.info("{}: release {} withdrawn; its latest files are release {} again", datasetId, releaseId, latest);
        } else {
            putHistory(datasetId, history);
            LOG.info("{}: release {} withdrawn; the latest release stays {}", datasetId, releaseId, latest);
        }
        List<String> staleKeys = stale.stream().map(name -> DatasetIris.datasetKey(datasetId) + name).toList();
        return new Plan(datasetId, withdrawnNow, false, latest, title(latestPackage, datasetId), entry.path("original").asText(),
                originals(List.of(entry)), new LinkedHashSet<>(staleKeys));
    }

    /** Withdraws every release of a dataset: it is no longer published; its page says so, and why. */
    public Plan dataset(String datasetId, String reason, Instant at) throws IOException, NotWithdrawable {
        Optional<ArrayNode> found = ReleaseNotes.history(store, datasetId);
        Optional<JsonNode> latestPackage = read(dataPackageKey(datasetId));
        if (found.isEmpty() && latestPackage.isEmpty()) {
            throw new NotWithdrawable("nothing is published as dataset " + datasetId);
        }
        String title = title(latestPackage, datasetId);
        ArrayNode history = found.orElseGet(JSON::createArrayNode);
        List<String> withdrawnNow = new ArrayList<>();
        String original = "";
        for (JsonNode e : history) {
            if (ReleaseNotes.isLive(e)) {
                mark(datasetId, (ObjectNode) e, reason, at);
                withdrawnNow.add(e.path("release").asText());
                original = original.isEmpty() ? e.path("original").asText() : original;
            }
        }
        putHistory(datasetId, history);
        // what makes the dataset published goes first: the catalog rebuilt next leaves it out
        store.delete(dataPackageKey(datasetId));
        LOG.info("{}: dataset withdrawn ({} release(s))", datasetId, withdrawnNow.size());
        List<JsonNode> all = new ArrayList<>();
        history.forEach(all::add);
        return new Plan(datasetId, withdrawnNow, true, null, title, original, originals(all), Set.of());
    }

    /**
     * Deletes what a withdrawal took out of the published data, once the catalog no longer links it: the
     * withdrawn releases' folders (original included) and the latest files the release now latest does
     * not have; for a whole dataset, all its files but its history, its page and its feed.
     */
    public void remove(Plan plan) throws IOException {
        String prefix = DatasetIris.datasetKey(plan.datasetId());
        if (plan.wholeDataset()) {
            int deleted = 0;
            for (String key : Retention.inDeletionOrder(store.list(prefix))) {
                String name = key.substring(prefix.length());
                if (!KEPT.contains(name)) {
                    store.delete(key);
                    deleted++;
                }
            }
            LOG.info("{}: {} file(s) of the withdrawn dataset deleted", plan.datasetId(), deleted);
            return;
        }
        for (String key : plan.staleKeys()) {
            store.delete(key);
        }
        for (JsonNode e : ReleaseNotes.history(store, plan.datasetId()).orElseGet(JSON::createArrayNode)) {
            if (!ReleaseNotes.isLive(e)) {
                deleteRelease(plan.datasetId(), e.path("release").asText());
            }
        }
    }

    /** Deletes a release's folder, its datapackage.json and SHA256SUMS first. */
    private void deleteRelease(String datasetId, String releaseId) throws IOException {
        List<String> keys = Retention.inDeletionOrder(store.list(Publisher.releaseKey(datasetId, releaseId)));
        for (String key : keys) {
            store.delete(key);
        }
        if (!keys.isEmpty()) {
            LOG.info("{}: release {} deleted ({} file(s))", datasetId, releaseId, keys.size());
        }
    }

    private ArrayNode history(String datasetId) throws IOException, NotWithdrawable {
        return ReleaseNotes.history(store, datasetId)
                .orElseThrow(() -> new NotWithdrawable("nothing is published as dataset " + datasetId));
    }

    private static Set<String> originals(List<JsonNode> entries) {
        Set<String> shas = new LinkedHashSet<>();
        for (JsonNode e : entries) {
            String sha = e.path("originalSha256").asText();
            if (!sha.isEmpty()) {
                shas.add(sha);
            }
        }
        return shas;
    }

    private static List<String> releases(ArrayNode history, boolean live) {
        List<String> ids = new ArrayList<>();
        history.forEach(e -> {
            if (ReleaseNotes.isLive(e) == live) {
                ids.add(e.path("release").asText());
            }
        });
        return ids;
    }

    /** Marks a history entry withdrawn, keeping its original's sha256 (the same file dropped again is refused). */
    private void mark(String datasetId, ObjectNode entry, String reason, Instant at) throws IOException {
        if (!entry.hasNonNull("originalSha256")) {
            read(Publisher.releaseKey(datasetId, entry.path("release").asText()) + "datapackage.json")
                    .map(dp -> dp.path("hiraku").path("original").path("sha256").asText())
                    .filter(sha -> !sha.isEmpty())
                    .ifPresent(sha -> entry.put("originalSha256", sha));
        }
        ObjectNode withdrawn = entry.putObject(ReleaseNotes.WITHDRAWN);
        withdrawn.put("at", at.toString());
        withdrawn.put("reason", reason);
    }

    /**
     * The release published after the withdrawn one says what changed since it, with example rows removed and
     * changed: rows of the withdrawn release. Those examples go; the counts stay.
     */
    private void redactSuccessor(String datasetId, ArrayNode history, String withdrawn, String latest) throws IOException {
        for (JsonNode e : history) {
            if (!withdrawn.equals(e.path("previousRelease").asText())) {
                continue;
            }
            String successor = e.path("release").asText();
            List<String> keys = new ArrayList<>(List.of(Publisher.releaseKey(datasetId, successor) + ReleaseNotes.CHANGES));
            if (successor.equals(latest)) {
                keys.add(DatasetIris.datasetKey(datasetId) + ReleaseNotes.CHANGES);
            }
            for (String key : keys) {
                Optional<JsonNode> changes = read(key);
                if (changes.isEmpty() || !(changes.get() instanceof ObjectNode node)
                        || !node.has("removedExamples") && !node.has("changedExamples")) {
                    continue;
                }
                node.remove("removedExamples");
                node.remove("changedExamples");
                node.put("examplesWithdrawn", "rows quoted from release " + withdrawn + ", which was withdrawn, are "
                        + "left out");
                ObjectInfo info = store.describe(key).map(s -> new ObjectInfo(s.contentType(), s.cacheControl(), null))
                        .orElse(ObjectInfo.changing("application/json"));
                put(key, node, info);
                LOG.info("{}: examples of withdrawn release {} taken out of {}", datasetId, withdrawn, key);
            }
        }
    }

    /**
     * Makes a release the dataset's latest again, in the order the publisher uses: its data files, the
     * history, then SHA256SUMS and datapackage.json.
     */
    private void restore(String datasetId, String releaseId, List<String> names, ArrayNode history) throws IOException {
        String from = Publisher.releaseKey(datasetId, releaseId);
        String to = DatasetIris.datasetKey(datasetId);
        List<String> ordered = new ArrayList<>(names.stream().filter(n -> !LAST.contains(n)).toList());
        for (String name : ordered) {
            copy(from + name, to + name);
        }
        putHistory(datasetId, history);
        for (String name : LAST) {
            if (names.contains(name)) {
                copy(from + name, to + name);
            }
        }
    }

    private void copy(String fromKey, String toKey) throws IOException {
        ObjectStore.StoredObject stored = store.describe(fromKey)
                .orElseThrow(() -> new IOException(fromKey + " is missing from " + store.describe()));
        Files.createDirectories(scratch);
        Path local = Files.createTempFile(scratch, "withdrawal", ".tmp");
        try {
            store.download(fromKey, local);
            store.copy(fromKey, toKey, local, ObjectInfo.changing(stored.contentType()).withSha256(stored.sha256()));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /** The names of a release's files (its original aside). */
    private List<String> releaseFileNames(String datasetId, String releaseId) throws IOException {
        String prefix = Publisher.releaseKey(datasetId, releaseId);
        return store.list(prefix).stream().map(k -> k.substring(prefix.length()))
                .filter(n -> !n.startsWith("original/")).sorted().toList();
    }

    /** What makes a dataset published: its latest {@code datapackage.json}. */
    private static String dataPackageKey(String datasetId) {
        return DatasetIris.datasetKey(datasetId) + "datapackage.json";
    }

    /** The dataset's title as its latest datapackage.json gives it, or its id. */
    private static String title(Optional<JsonNode> dataPackage, String datasetId) {
        return dataPackage.map(dp -> dp.path("title").asText()).filter(t -> !t.isEmpty()).orElse(datasetId);
    }

    private void putHistory(String datasetId, ArrayNode history) throws IOException {
        ReleaseNotes.putHistory(store, scratch, datasetId, history);
    }

    private Optional<JsonNode> read(String key) throws IOException {
        Optional<InputStream> in = store.open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(JSON.readTree(stream));
        }
    }

    private void put(String key, JsonNode json, ObjectInfo info) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "withdrawal", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
            store.put(key, file, info);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
