package io.hiraku.source;

import io.hiraku.schema.SourceHints;
import java.nio.file.Path;

/** Reads a file as a table to its end and prints its row count: run in a JVM with a small heap by tests. */
public final class ReadTable {
    private ReadTable() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long rows = 0;
        DetectedCharset charset = Sources.needsCharset(file) ? new CharsetDetector().detect(file, "auto") : null;
        try (Table table = Sources.open(file, charset, SourceHints.DEFAULT)) {
            for (RawRow ignored : table) {
                rows++;
            }
        }
        System.out.println("rows " + rows);
    }
}
