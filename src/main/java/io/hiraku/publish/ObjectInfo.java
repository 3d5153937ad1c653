package io.hiraku.publish;

/**
 * How an object is served: its media type and its {@code Cache-Control}. Release objects never change
 * ({@link #IMMUTABLE}); the latest files and catalog documents do ({@link #CHANGING}). {@code sha256},
 * when the caller already knows it (the format writers hash while writing), spares the store a
 * second reading of the file; null means the store computes it.
 */
public record ObjectInfo(String contentType, String cacheControl, String sha256) {
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String CHANGING = "public, max-age=300";

    public static ObjectInfo immutable(String contentType) {
        return new ObjectInfo(contentType, IMMUTABLE, null);
    }

    public static ObjectInfo changing(String contentType) {
        return new ObjectInfo(contentType, CHANGING, null);
    }

    /** The same, with the file's sha256 (hex) already known. */
    public ObjectInfo withSha256(String hex) {
        return new ObjectInfo(contentType, cacheControl, hex);
    }
}
