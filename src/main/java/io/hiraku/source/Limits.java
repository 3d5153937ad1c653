package io.hiraku.source;

/**
 * How much one drop may ask of the pipeline before it is refused, so that a hostile or broken file
 * costs bounded memory and time: characters in one record (a CSV row, a JSON string), columns in
 * the header, and bytes in the file; and how much memory the unique and primary-key checks of one file
 * hold together before they go on on disk ({@code keyMemoryBytes}). Configured as {@code hiraku.limits.*}.
 */
public record Limits(int recordChars, int columns, long fileBytes, long keyMemoryBytes) {
    /** 4 million characters per record (8 MB in memory), 2,000 columns, 10 GB per file, 64 MB of keys. */
    public static final Limits DEFAULT = new Limits(4_000_000, 2_000, 10L << 30, 64L << 20);
}
