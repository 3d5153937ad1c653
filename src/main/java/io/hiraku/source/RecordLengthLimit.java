package io.hiraku.source;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A reader that refuses to hand out more than a set number of characters between two calls of
 * {@link #nextRecord()}, so that a parser never buffers a record without bound (a 100 MB line, a
 * quoted cell that never closes). The parser calls {@code nextRecord()} before reading each record.
 */
final class RecordLengthLimit extends FilterReader {
    private final int limit;
    private long sinceRecord;

    RecordLengthLimit(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    void nextRecord() {
        sinceRecord = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws RecordTooLongException {
        sinceRecord += n;
        if (sinceRecord > limit) {
            throw new RecordTooLongException(limit);
        }
    }

    /** A record longer than the limit. */
    static final class RecordTooLongException extends IOException {
        private final int limit;

        RecordTooLongException(int limit) {
            super("a record is longer than " + limit + " characters");
            this.limit = limit;
        }

        int limit() {
            return limit;
        }
    }
}
