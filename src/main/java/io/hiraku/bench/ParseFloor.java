package io.hiraku.bench;

import io.hiraku.source.CharsetDetector;
import io.hiraku.source.DetectedCharset;
import io.hiraku.source.RawRow;
import io.hiraku.source.Sources;
import io.hiraku.source.Table;
import io.hiraku.schema.SourceHints;
import java.nio.file.Path;

/**
 * The floor the validator is compared with: the same charset detection, decoding and CSV parsing
 * that {@code validate} does, and nothing else (no typing, normalization or constraint checks).
 */
public final class ParseFloor {
    private ParseFloor() {
    }

    /** Reads every row of the file; returns the row count (so the work cannot be optimised away). */
    public static long rows(Path file) throws Exception {
        DetectedCharset charset = new CharsetDetector().detect(file, null);
        long rows = 0;
        long cells = 0;
        try (Table table = Sources.open(file, charset, SourceHints.DEFAULT)) {
            for (RawRow row : table) {
                rows++;
                cells += row.cells().length;
            }
        }
        return cells >= 0 ? rows : -1;
    }
}
