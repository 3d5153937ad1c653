package io.hiraku.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Delimited text through Apache Commons CSV (the engine camel-csv uses): RFC 4180 quoting with
 * doubled quotes, CRLF, LF, CR and mixed line ends, line breaks inside quoted cells, and broken
 * quoting reported with the line the record starts on. Decoding is strict: a byte the detected
 * charset cannot decode stops the read with the line.
 */
public final class CsvRecordReader implements RecordReader {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final char delimiter;
    private final RecordLengthLimit limit;
    private final long[] bytesRead;

    private CsvRecordReader(RecordLengthLimit reader, char delimiter, long[] bytesRead) throws IOException {
        this.delimiter = delimiter;
        this.limit = reader;
        this.bytesRead = bytesRead;
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .get();
        this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
        this.records = parser.iterator();
    }

    /**
     * @param delimiter the delimiter, or null to find it from the first lines
     */
    public static CsvRecordReader open(Path file, DetectedCharset charset, String delimiter, Limits limits)
            throws IOException {
        char found;
        if (delimiter != null && !delimiter.isEmpty()) {
            found = "tab".equalsIgnoreCase(delimiter) || "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
        } else {
            try (Reader sample = reader(file, charset, new long[1])) {
                found = CsvDialect.sniffDelimiter(sample);
            }
        }
        long[] counted = new long[1];
        Reader reader = reader(file, charset, counted);
        try {
            return new CsvRecordReader(new RecordLengthLimit(reader, limits.recordChars()), found, counted);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** @param counted where the count of bytes read goes, for progress */
    private static Reader reader(Path file, DetectedCharset charset, long[] counted) throws IOException {
        InputStream in = new java.io.FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                counted[0] += b >= 0 ? 1 : 0;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                counted[0] += Math.max(n, 0);
                return n;
            }
        };
        try {
            in.skipNBytes(charset.bomLength());
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new InputStreamReader(in, charset.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    @Override
    public RawRow next() {
        long line = parser.getCurrentLineNumber() + 1;
        limit.nextRecord();
        try {
            if (!records.hasNext()) {
                return null;
            }
            return new RawRow(line, records.next().values());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof RecordLengthLimit.RecordTooLongException tooLong) {
                throw new MalformedTableException(line,
                        line + "行目から始まる行が長すぎます（" + tooLong.limit() + " 文字まで）。改行や引用符（\"）の閉じ忘れがないか確かめてください",
                        "the record starting on line " + line + " is longer than " + tooLong.limit()
                                + " characters; check for missing line breaks or an unclosed quote (\")", e);
            }
            String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new MalformedTableException(line,
                    line + "行目から始まるレコードの引用符（\"）が正しく閉じられていません: " + detail,
                    "the record starting on line " + line + " has broken quoting (\"): " + detail, e);
        } catch (IllegalStateException e) {
            String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new MalformedTableException(line,
                    line + "行目から始まるレコードの引用符（\"）が正しく閉じられていません: " + detail,
                    "the record starting on line " + line + " has broken quoting (\"): " + detail, e);
        }
    }

    @Override
    public long bytesRead() {
        return bytesRead[0];
    }

    @Override
    public String describe() {
        return switch (delimiter) {
            case '\t' -> "TSV (tab)";
            case ';' -> "CSV (semicolon)";
            case ',' -> "CSV (comma)";
            default -> "CSV (" + delimiter + ")";
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
