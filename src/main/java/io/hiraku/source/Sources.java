package io.hiraku.source;

import io.hiraku.schema.SourceHints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a dropped file as a {@link Table}, choosing the reader by the kind of file. */
public final class Sources {
    private Sources() {
    }

    /** The kinds of file a department can drop. */
    public enum Kind { TEXT, JSON }

    public static Kind kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".geojson") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Kind.JSON;
        }
        return Kind.TEXT;
    }

    /** Opens a text file (CSV, TSV, JSON) whose charset has been found. */
    public static Table openText(Path file, DetectedCharset charset, SourceHints hints) throws IOException {
        boolean json = kind(file) == Kind.JSON;
        RecordReader reader = json ? JsonRecordReader.open(file, charset)
                : CsvRecordReader.open(file, charset, hints.delimiter());
        try {
            return new Table(reader, json ? 1 : hints.headerRow(), !json && hints.leaveOutFooter());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
