package io.hiraku.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads a dropped file as physical records (CSV records, spreadsheet rows, JSON records), in order,
 * one at a time. Where the table starts and ends is {@link Table}'s business, not the reader's.
 */
public interface RecordReader extends Closeable {
    /** The next record, or null at the end; a structural problem is a {@link MalformedTableException}. */
    RawRow next() throws IOException;

    /** How many bytes of the file have been read so far, for progress; -1 if the reader cannot tell. */
    default long bytesRead() {
        return -1;
    }

    /** What was read, in words for a receipt: "CSV (comma)", "xlsx, sheet 集計用", "GeoJSON". */
    String describe();
}
