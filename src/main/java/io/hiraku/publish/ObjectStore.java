package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where published objects go: a local folder by default, or S3 (or an S3-compatible store). Keys are
 * '/'-separated relative paths ({@code datasets/aed/aed.csv}). A put replaces an object atomically: a
 * reader sees the old object or the new one, never a part. Each object carries its sha256.
 */
public interface ObjectStore {
    void put(String key, Path file, ObjectInfo info) throws IOException;

    /**
     * Stores a file the caller gives away: it will not change it again and deletes it afterwards (a
     * staged release file). A store on the same disk may take the file itself instead of copying it.
     */
    default void putStaged(String key, Path file, ObjectInfo info) throws IOException {
        put(key, file, info);
    }

    /**
     * Stores under {@code toKey} what is already stored under {@code fromKey} (a release's file becoming
     * the dataset's latest), with its own media type and cache control. {@code sameContent} is a local
     * copy of it, for stores that cannot copy in place; those that can (a hard link on disk) override this.
     */
    default void copy(String fromKey, String toKey, Path sameContent, ObjectInfo info) throws IOException {
        put(toKey, sameContent, info);
    }

    Optional<InputStream> open(String key) throws IOException;

    /**
     * Copies an object to a local file, durably, through a temporary name (a reader of {@code target} never
     * sees a part of it). @return false if there is no such object
     */
    default boolean download(String key, Path target) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return false;
        }
        try (InputStream stream = in.get()) {
            DurableFiles.copy(stream, target);
        }
        return true;
    }

    boolean exists(String key) throws IOException;

    /** The keys under a prefix (ending in "/"), in no particular order. */
    List<String> list(String prefix) throws IOException;

    /** The keys under a prefix (ending in "/" or empty) with when each was written, oldest first. */
    List<Listed> listByAge(String prefix) throws IOException;

    /** A key and when its object was written. */
    record Listed(String key, java.time.Instant modified) {
    }

    /** Removes an object; nothing happens if there is none. */
    void delete(String key) throws IOException;

    /** What the store knows of an object (media type, cache control, sha256); empty if there is none. */
    Optional<StoredObject> describe(String key) throws IOException;

    /**
     * Removes what a process killed in the middle of a put left behind; called at start, before any put.
     * A folder store deletes its hidden temporary files; S3 keeps nothing visible of an unfinished upload.
     * @return how many leftovers were removed
     */
    default int removeLeftovers() throws IOException {
        return 0;
    }

    /** For logs and messages: where this store is. */
    String describe();

    /** Where an object is, for a log line or a message: the store's description and the key, one slash between. */
    default String location(String key) {
        String store = describe();
        return store.isEmpty() || store.endsWith("/") ? store + key : store + "/" + key;
    }

    /**
     * An object's stored metadata. {@code version} changes whenever the object is written again with other
     * content (S3's ETag; a file's size and modification time): what is deleted after it was read must still
     * be what was read.
     */
    record StoredObject(String contentType, String cacheControl, String sha256, long bytes, String version) {
    }
}
