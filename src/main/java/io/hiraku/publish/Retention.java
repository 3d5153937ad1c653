package io.hiraku.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a dataset's newest releases and removes older ones: their immutable copies go, and the history
 * forgets them. The latest release is never removed, whatever the number kept.
 */
public final class Retention {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectStore store;
    private final Path scratch;

    public Retention(ObjectStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** @return the releases removed */
    public List<String> prune(String datasetId, int keep) throws IOException {
        Optional<InputStream> in = store.open(DatasetIris.datasetKey(datasetId) + ReleaseNotes.HISTORY);
        if (in.isEmpty()) {
            return List.of();
        }
        JsonNode history;
        try (InputStream stream = in.get()) {
            history = JSON.readTree(stream);
        }
        int kept = Math.max(1, keep);
        List<String> removed = new ArrayList<>();
        ArrayNode remaining = JSON.createArrayNode();
        for (int i = 0; i < history.size(); i++) {
            String release = history.get(i).path("release").asText();
            if (i < kept) {
                remaining.add(history.get(i));
                continue;
            }
            for (String key : store.list(Publisher.releaseKey(datasetId, release))) {
                store.delete(key);
            }
            removed.add(release);
        }
        if (!removed.isEmpty()) {
            Files.createDirectories(scratch);
            Path file = Files.createTempFile(scratch, "releases", ".json");
            try {
                Files.writeString(file, JSON.writeValueAsString(remaining) + "\n", StandardCharsets.UTF_8);
                store.put(DatasetIris.datasetKey(datasetId) + ReleaseNotes.HISTORY, file,
                        ObjectInfo.changing("application/json"));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        return removed;
    }
}
