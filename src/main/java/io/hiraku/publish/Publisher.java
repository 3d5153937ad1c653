package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Puts a staged release into the object store in the order that keeps readers safe: every data file
 * first, then {@code datapackage.json} (which names them), then {@code SHA256SUMS}. The catalog
 * documents, written after this by the catalog stage, are what make the release visible.
 */
public final class Publisher {
    private final ObjectStore store;

    public Publisher(ObjectStore store) {
        this.store = store;
    }

    public void publish(StagedRelease release) throws IOException {
        String prefix = DatasetIris.datasetKey(release.datasetId());
        for (PublishedFile file : release.dataFiles()) {
            store.put(prefix + file.name(), file.path(), file.format().mediaType() + "; charset=utf-8");
        }
        store.put(prefix + "datapackage.json", release.dataPackage().path(), "application/json");
        store.put(prefix + "SHA256SUMS", release.checksums().path(), "text/plain; charset=us-ascii");
        ReleaseWriter.deleteStaging(release.directory());
    }

    /** The published {@code datapackage.json} of a dataset, if it has been published. */
    public Optional<InputStream> openDataPackage(String datasetId) throws IOException {
        return store.open(DatasetIris.datasetKey(datasetId) + "datapackage.json");
    }

    public ObjectStore store() {
        return store;
    }
}
