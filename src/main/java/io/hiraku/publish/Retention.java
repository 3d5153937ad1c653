package io.hiraku.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a dataset's newest releases and removes older ones, in two steps so that the catalog never
 * points at a missing object: {@link #prune} makes the history forget them (the catalog rebuilt after it
 * no longer links them), then {@link #sweep} deletes every release folder the history does not name as
 * published (forgotten or withdrawn).
 * The sweep also removes what an interrupted publication left behind. The latest release is never
 * removed, whatever the number kept.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectStore store;
    private final Path scratch;

    public Retention(ObjectStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** Forgets all but the newest {@code keep} releases in the history. @return the releases forgotten */
    public List<String> prune(String datasetId, int keep) throws IOException {
        Optional<ArrayNode> history = ReleaseNotes.history(store, datasetId);
        if (history.isEmpty()) {
            return List.of();
        }
        int kept = Math.max(1, keep);
        List<String> removed = new ArrayList<>();
        ArrayNode remaining = JSON.createArrayNode();
        int live = 0;
        for (com.fasterxml.jackson.databind.JsonNode entry : history.get()) {
            // a withdrawn release stays in the history as the record of its withdrawal; its files are gone
            if (!ReleaseNotes.isLive(entry) || live++ < kept) {
                remaining.add(entry);
            } else {
                removed.add(entry.path("release").asText());
            }
        }
        if (!removed.isEmpty()) {
            ReleaseNotes.putHistory(store, scratch, datasetId, remaining);
        }
        return removed;
    }

    /**
     * Deletes the release folders of a dataset that its history does not name: releases pruned from it,
     * and the part of a release an interrupted run began and never finished. A dataset without a
     * history has nothing published, so every release folder of it goes. @return the releases deleted
     */
    public List<String> sweep(String datasetId) throws IOException {
        return sweep(datasetId, false);
    }

    /**
     * Deletes only the release folders older than the dataset's newest release that its history does not
     * name (pruned ones): what a store shared with other publishers may lose. A newer folder may be a
     * release another worker is putting now; one an interrupted worker began is finished when its work is
     * delivered again.
     */
    public List<String> sweepPruned(String datasetId) throws IOException {
        return sweep(datasetId, true);
    }

    private List<String> sweep(String datasetId, boolean onlyOlder) throws IOException {
        Set<String> named = new HashSet<>();
        ReleaseNotes.history(store, datasetId).ifPresent(h -> h.forEach(e -> {
            if (ReleaseNotes.isLive(e)) {
                named.add(e.path("release").asText());
            }
        }));
        String newest = named.stream().max(String::compareTo).orElse("");
        String prefix = DatasetIris.datasetKey(datasetId) + "releases/";
        Map<String, List<String>> byRelease = new TreeMap<>();
        for (String key : store.list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                byRelease.computeIfAbsent(rest.substring(0, slash), r -> new ArrayList<>()).add(key);
            }
        }
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, List<String>> release : byRelease.entrySet()) {
            if (named.contains(release.getKey()) || onlyOlder && release.getKey().compareTo(newest) > 0) {
                continue;
            }
            for (String key : inDeletionOrder(release.getValue())) {
                store.delete(key);
            }
            deleted.add(release.getKey());
        }
        if (!deleted.isEmpty()) {
            LOG.info("Deleted {} release folder(s) of {} that its history does not name: {}", deleted.size(), datasetId,
                    deleted);
        }
        return deleted;
    }

    /**
     * A release folder's keys in the order to delete them: datapackage.json and SHA256SUMS first, so that a
     * folder left half deleted is never taken for a whole release.
     */
    static List<String> inDeletionOrder(List<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(java.util.Comparator.comparing((String k) -> !k.endsWith("/datapackage.json")
                && !k.endsWith("/SHA256SUMS")));
        return sorted;
    }
}
