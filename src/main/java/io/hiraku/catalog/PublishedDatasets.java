package io.hiraku.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.Format;
import io.hiraku.publish.ReleaseNotes;
import io.hiraku.publish.ObjectStore;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads back what is published: for each defined dataset, its {@code datapackage.json} in the store.
 * The store is the truth; a dataset defined but never published is not in the catalog.
 */
public final class PublishedDatasets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectStore store;

    public PublishedDatasets(ObjectStore store) {
        this.store = store;
    }

    public List<PublishedDataset> all(Definitions definitions) throws IOException {
        List<PublishedDataset> published = new ArrayList<>();
        for (DatasetDefinition def : definitions.datasets()) {
            find(def).ifPresent(published::add);
        }
        return published;
    }

    public Optional<PublishedDataset> find(DatasetDefinition def) throws IOException {
        Optional<InputStream> in = store.open(DatasetIris.datasetKey(def.id()) + "datapackage.json");
        if (in.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root;
        try (InputStream stream = in.get()) {
            root = JSON.readTree(stream);
        }
        List<PublishedDataset.Distribution> files = new ArrayList<>();
        for (JsonNode r : root.path("resources")) {
            String path = r.path("path").asText();
            files.add(new PublishedDataset.Distribution(path, Format.ofFile(def.id(), path).key(),
                    r.path("mediatype").asText(), r.path("bytes").asLong(),
                    r.path("hash").asText().replaceFirst("^sha256:", "")));
        }
        JsonNode hiraku = root.path("hiraku");
        List<PublishedDataset.Version> versions = history(def.id());
        return Optional.of(new PublishedDataset(def, hiraku.path("release").asText(),
                Instant.parse(root.path("created").asText()), hiraku.path("rows").asLong(),
                hiraku.path("original").path("name").asText(), hiraku.path("original").path("sha256").asText(),
                hiraku.path("definitionSha256").asText(null), files, versions, bbox(hiraku.path("bbox"))));
    }

    private static List<java.math.BigDecimal> bbox(JsonNode box) {
        if (!box.isArray() || box.size() != 4) {
            return null;
        }
        List<java.math.BigDecimal> corners = new ArrayList<>();
        box.forEach(c -> corners.add(c.decimalValue()));
        return List.copyOf(corners);
    }

    /**
     * The defined datasets not published because every release of them was withdrawn (their history says
     * so); {@code published} are those that are, whose history is not read again.
     */
    public List<WithdrawnDataset> withdrawn(Definitions definitions, List<PublishedDataset> published) throws IOException {
        java.util.Set<String> live = new java.util.HashSet<>();
        published.forEach(d -> live.add(d.definition().id()));
        List<WithdrawnDataset> withdrawn = new ArrayList<>();
        for (DatasetDefinition def : definitions.datasets()) {
            if (!live.contains(def.id())) {
                List<PublishedDataset.Version> history = history(def.id());
                if (!history.isEmpty() && history.stream().noneMatch(PublishedDataset.Version::live)) {
                    withdrawn.add(new WithdrawnDataset(def, history));
                }
            }
        }
        return withdrawn;
    }

    /** A dataset's release history ({@code releases.json}), newest first, withdrawn releases included. */
    public List<PublishedDataset.Version> history(String datasetId) throws IOException {
        List<PublishedDataset.Version> versions = new ArrayList<>();
        Optional<InputStream> history = store.open(DatasetIris.datasetKey(datasetId) + ReleaseNotes.HISTORY);
        if (history.isPresent()) {
            try (InputStream stream = history.get()) {
                for (JsonNode v : JSON.readTree(stream)) {
                    versions.add(PublishedDataset.Version.of(v));
                }
            }
        }
        return versions;
    }

    /** The dataset's {@code profile.json} (preview rows and column profile); an empty object if it has none. */
    public JsonNode profile(String datasetId) throws IOException {
        Optional<InputStream> in = store.open(DatasetIris.datasetKey(datasetId) + io.hiraku.publish.ColumnProfiler.FILE_NAME);
        if (in.isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream stream = in.get()) {
            return JSON.readTree(stream);
        }
    }
}
