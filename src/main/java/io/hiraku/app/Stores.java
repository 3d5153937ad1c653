package io.hiraku.app;

import io.hiraku.publish.LocalObjectStore;
import io.hiraku.publish.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the object store that {@code hiraku.store} names: a folder path (or {@code file:} URI) for now. */
final class Stores {
    private Stores() {
    }

    static ObjectStore open(String uri) throws IOException {
        if (uri.startsWith("s3://")) {
            throw new IllegalArgumentException("hiraku.store=" + uri + ": S3 is not supported by this version yet; "
                    + "use a folder path");
        }
        String path = uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
        return new LocalObjectStore(Path.of(path));
    }
}
