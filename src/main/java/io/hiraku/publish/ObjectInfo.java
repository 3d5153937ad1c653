package io.hiraku.publish;

/**
 * How an object is served: its media type and its {@code Cache-Control}. Release objects never change
 * ({@link #IMMUTABLE}); the latest files and catalog documents do ({@link #CHANGING}).
 */
public record ObjectInfo(String contentType, String cacheControl) {
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    public static final String CHANGING = "public, max-age=300";

    public static ObjectInfo immutable(String contentType) {
        return new ObjectInfo(contentType, IMMUTABLE);
    }

    public static ObjectInfo changing(String contentType) {
        return new ObjectInfo(contentType, CHANGING);
    }
}
