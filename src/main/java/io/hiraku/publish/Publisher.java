package io.hiraku.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a staged release into the object store in the order that keeps readers safe: first the
 * immutable release ({@code datasets/<id>/releases/<release>/}: the original as dropped, every data
 * file, {@code SHA256SUMS}, {@code datapackage.json}), then the dataset's latest files under their
 * stable names, data before the history ({@code releases.json}), {@code SHA256SUMS} and
 * {@code datapackage.json}, which is always last: whoever reads it finds everything it names. The catalog documents, written after this by the catalog stage, are what make
 * the release visible. Publishing a release again from the same original (a run interrupted half-way and
 * taken up again) writes the same keys with the same bytes; from other data it is refused.
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectStore store;

    public Publisher(ObjectStore store) {
        this.store = store;
    }

    /** The key prefix of a release's immutable copy. */
    public static String releaseKey(String datasetId, String releaseId) {
        return DatasetIris.datasetKey(datasetId) + "releases/" + releaseId + "/";
    }

    public void publish(StagedRelease release) throws IOException {
        String releasePrefix = releaseKey(release.datasetId(), release.releaseId());
        Optional<String> earlier = publishedOriginal(releasePrefix);
        if (earlier.isPresent() && !earlier.get().equals(release.original().sha256())) {
            throw new IllegalStateException("release " + releasePrefix + " is already published from other data; "
                    + "releases never change");
        }
        if (earlier.isPresent()) {
            LOG.info("Completing release {} of {}, which an interrupted run had begun", release.releaseId(),
                    release.datasetId());
        }
        Original original = release.original();
        if (original.archived() != null) {
            store.put(releasePrefix + "original/" + original.fileName(), original.archived(),
                    ObjectInfo.immutable("application/octet-stream").withSha256(original.sha256()));
        }
        String latestPrefix = DatasetIris.datasetKey(release.datasetId());
        List<Entry> entries = entries(release);
        for (Entry e : entries) {
            store.putStaged(releasePrefix + e.file().name(), e.file().path(), ObjectInfo.immutable(e.contentType())
                    .withSha256(e.file().sha256()));
            LOG.debug("Stored {}{}", releasePrefix, e.file().name());
        }
        // the latest files: data first, then the history (which names the release), SHA256SUMS, and
        // datapackage.json last, because it is what makes the release the dataset's latest
        int lastTwo = entries.size() - 2;
        for (int i = 0; i < entries.size(); i++) {
            if (i == lastTwo && release.history() != null) {
                store.put(latestPrefix + release.history().name(), release.history().path(),
                        ObjectInfo.changing("application/json"));
                LOG.debug("Stored {}{}", latestPrefix, release.history().name());
            }
            Entry e = entries.get(i);
            store.copy(releasePrefix + e.file().name(), latestPrefix + e.file().name(), e.file().path(),
                    ObjectInfo.changing(e.contentType()).withSha256(e.file().sha256()));
            LOG.debug("Stored {}{}", latestPrefix, e.file().name());
        }
        ReleaseWriter.deleteStaging(release.directory());
    }

    /** The sha256 of the original a release already in the store was made from (an interrupted publication). */
    private Optional<String> publishedOriginal(String releasePrefix) throws IOException {
        Optional<InputStream> in = store.open(releasePrefix + "datapackage.json");
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(JSON.readTree(stream).path("hiraku").path("original").path("sha256").asText());
        }
    }

    /** One file of a release with its media type. */
    private record Entry(PublishedFile file, String contentType) {
    }

    /**
     * A release's files in the order they are put: data first, then SHA256SUMS, and datapackage.json last,
     * because a release (and a dataset's latest) counts as there once its datapackage.json is.
     */
    private static List<Entry> entries(StagedRelease release) {
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        for (PublishedFile file : release.dataFiles()) {
            entries.add(new Entry(file, file.format().contentType()));
        }
        entries.add(new Entry(release.csvwMetadata(), "application/csvm+json"));
        entries.add(new Entry(release.profile(), "application/json"));
        if (release.changes() != null) {
            entries.add(new Entry(release.changes(), "application/json"));
        }
        entries.add(new Entry(release.checksums(), "text/plain; charset=us-ascii"));
        entries.add(new Entry(release.dataPackage(), "application/json"));
        return entries;
    }

    /**
     * Deletes the dataset's latest files of formats its latest release does not have (Turtle past its size, the
     * N-Triples only gzipped, GeoJSON for a table no longer of places), which would otherwise stay at their
     * stable URLs, out of date. Called once the catalog no longer links them. @return the keys deleted
     */
    public List<String> deleteFormatsNoLongerPublished(String datasetId) throws IOException {
        Optional<InputStream> in = store.open(DatasetIris.datasetKey(datasetId) + "datapackage.json");
        if (in.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> published = new java.util.HashSet<>();
        try (InputStream stream = in.get()) {
            JSON.readTree(stream).path("resources").forEach(r -> published.add(r.path("path").asText()));
        }
        List<String> deleted = new java.util.ArrayList<>();
        for (Format format : Format.values()) {
            String key = DatasetIris.datasetKey(datasetId) + format.fileName(datasetId);
            if (!published.contains(format.fileName(datasetId)) && store.exists(key)) {
                store.delete(key);
                deleted.add(key);
            }
        }
        return deleted;
    }

    /** Whether the dataset has a published release (its latest {@code datapackage.json}). */
    public boolean isPublished(String datasetId) throws IOException {
        return store.exists(DatasetIris.datasetKey(datasetId) + "datapackage.json");
    }

    public ObjectStore store() {
        return store;
    }
}
