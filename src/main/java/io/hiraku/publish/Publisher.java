package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Puts a staged release into the object store in the order that keeps readers safe: first the
 * immutable release ({@code datasets/<id>/releases/<release>/}: the original as dropped, every data
 * file, {@code datapackage.json}, {@code SHA256SUMS}), then the dataset's latest files under their
 * stable names, data before {@code datapackage.json} and {@code SHA256SUMS}. The catalog documents,
 * written after this by the catalog stage, are what make the release visible.
 */
public final class Publisher {
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
        if (store.exists(releasePrefix + "datapackage.json")) {
            throw new IllegalStateException("release " + releasePrefix + " is already published; releases never change");
        }
        Original original = release.original();
        if (original.archived() != null) {
            store.put(releasePrefix + "original/" + original.fileName(), original.archived(),
                    ObjectInfo.immutable("application/octet-stream").withSha256(original.sha256()));
        }
        String latestPrefix = DatasetIris.datasetKey(release.datasetId());
        for (Entry e : entries(release)) {
            store.putStaged(releasePrefix + e.file().name(), e.file().path(), ObjectInfo.immutable(e.contentType())
                    .withSha256(e.file().sha256()));
        }
        for (Entry e : entries(release)) {
            store.copy(releasePrefix + e.file().name(), latestPrefix + e.file().name(), e.file().path(),
                    ObjectInfo.changing(e.contentType()).withSha256(e.file().sha256()));
        }
        if (release.history() != null) {
            store.put(latestPrefix + release.history().name(), release.history().path(),
                    ObjectInfo.changing("application/json"));
        }
        ReleaseWriter.deleteStaging(release.directory());
    }

    /** One file of a release with its media type. */
    private record Entry(PublishedFile file, String contentType) {
    }

    /** A release's files in the order they are put: data first, datapackage.json and SHA256SUMS last. */
    private static java.util.List<Entry> entries(StagedRelease release) {
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        for (PublishedFile file : release.dataFiles()) {
            entries.add(new Entry(file, file.format().contentType()));
        }
        entries.add(new Entry(release.csvwMetadata(), "application/csvm+json"));
        entries.add(new Entry(release.profile(), "application/json"));
        if (release.changes() != null) {
            entries.add(new Entry(release.changes(), "application/json"));
        }
        entries.add(new Entry(release.dataPackage(), "application/json"));
        entries.add(new Entry(release.checksums(), "text/plain; charset=us-ascii"));
        return entries;
    }

    /** The published {@code datapackage.json} of a dataset, if it has been published. */
    public Optional<InputStream> openDataPackage(String datasetId) throws IOException {
        return store.open(DatasetIris.datasetKey(datasetId) + "datapackage.json");
    }

    public ObjectStore store() {
        return store;
    }
}
