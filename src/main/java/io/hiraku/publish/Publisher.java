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
                    ObjectInfo.immutable("application/octet-stream"));
        }
        putAll(releasePrefix, release, true);
        putAll(DatasetIris.datasetKey(release.datasetId()), release, false);
        if (release.history() != null) {
            store.put(DatasetIris.datasetKey(release.datasetId()) + release.history().name(), release.history().path(),
                    ObjectInfo.changing("application/json"));
        }
        ReleaseWriter.deleteStaging(release.directory());
    }

    private void putAll(String prefix, StagedRelease release, boolean immutable) throws IOException {
        for (PublishedFile file : release.dataFiles()) {
            store.put(prefix + file.name(), file.path(), info(file.format().contentType(), immutable));
        }
        store.put(prefix + release.csvwMetadata().name(), release.csvwMetadata().path(),
                info("application/csvm+json", immutable));
        store.put(prefix + release.profile().name(), release.profile().path(), info("application/json", immutable));
        if (release.changes() != null) {
            store.put(prefix + release.changes().name(), release.changes().path(), info("application/json", immutable));
        }
        store.put(prefix + "datapackage.json", release.dataPackage().path(), info("application/json", immutable));
        store.put(prefix + "SHA256SUMS", release.checksums().path(), info("text/plain; charset=us-ascii", immutable));
    }

    private static ObjectInfo info(String contentType, boolean immutable) {
        return immutable ? ObjectInfo.immutable(contentType) : ObjectInfo.changing(contentType);
    }

    /** The published {@code datapackage.json} of a dataset, if it has been published. */
    public Optional<InputStream> openDataPackage(String datasetId) throws IOException {
        return store.open(DatasetIris.datasetKey(datasetId) + "datapackage.json");
    }

    public ObjectStore store() {
        return store;
    }
}
