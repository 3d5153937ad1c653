package io.hiraku.source;

import io.hiraku.schema.SourceHints;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a dropped file as a {@link Table}, choosing the reader by the kind of file. */
public final class Sources {
    private Sources() {
    }

    /** Opens a text (CSV/TSV) file whose charset has been found. */
    public static Table openText(Path file, DetectedCharset charset, SourceHints hints) throws IOException {
        RecordReader reader = CsvRecordReader.open(file, charset, hints.delimiter());
        try {
            return new Table(reader, hints.headerRow(), hints.leaveOutFooter());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
