package io.hiraku.publish;

import java.util.Locale;

/** A number of bytes as people read it (pages, receipts, logs, status): 512 B, 14.2 KB, 245.9 MB, 2.1 GB. */
public final class ByteSize {
    private ByteSize() {
    }

    /** Binary units with one decimal, the same in every locale (a dot, never a comma). */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
