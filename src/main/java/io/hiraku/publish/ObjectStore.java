package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where published objects go: a local folder by default, S3 later. Keys are '/'-separated relative
 * paths ({@code datasets/aed/aed.csv}). A put replaces an object atomically: a reader sees the old
 * object or the new one, never a part.
 */
public interface ObjectStore {
    void put(String key, Path file, String contentType) throws IOException;

    Optional<InputStream> open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** For logs and messages: where this store is. */
    String describe();
}
