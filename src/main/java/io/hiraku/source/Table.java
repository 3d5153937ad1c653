package io.hiraku.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A dropped CSV file opened as a table: decoded with the detected charset, {@code #} metadata rows
 * before the header collected as hints ({@code #license}, {@code #attribution_name} …), title rows
 * skipped, the header located, then the data rows streamed one at a time with their line numbers.
 *
 * <p>Parsing is Apache Commons CSV (the engine camel-csv uses): RFC 4180 quoting, CRLF/LF/mixed line
 * ends, line breaks inside quoted cells, and an exception naming the line on broken quoting.
 */
public final class Table implements Closeable, Iterable<RawRow> {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(false)
            .get();

    private final DetectedCharset charset;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<String, List<String>> metadata = new LinkedHashMap<>();
    private final List<String> header;
    private final long headerLine;
    private RawRow pending;
    private long blankRowsSkipped;

    private Table(DetectedCharset charset, Reader reader, int headerRow) throws IOException {
        this.charset = charset;
        this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        this.records = parser.iterator();
        RawRow first = readPreamble();
        if (headerRow <= 0) {
            header = null;
            headerLine = 0;
            pending = first;
            return;
        }
        RawRow row = first;
        for (int skip = 1; skip < headerRow && row != null; skip++) {
            row = nextNonBlank();
        }
        if (row == null) {
            throw new MalformedTableException(0, "見出し行がありません（ファイルが空か、メタデータ行だけです）",
                    "there is no header row (the file is empty or holds only # metadata rows)", null);
        }
        header = List.of(row.cells());
        headerLine = row.line();
    }

    public static Table open(Path file, DetectedCharset charset, int headerRow) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(charset.bomLength());
            Reader reader = new InputStreamReader(in, charset.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
            return new Table(charset, reader, headerRow);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads {@code #key,value…} rows and blank rows at the top; returns the first other row. */
    private RawRow readPreamble() {
        RawRow row;
        while ((row = next()) != null) {
            String[] cells = row.cells();
            if (cells.length > 0 && cells[0].startsWith("#")) {
                String key = cells[0].substring(1).trim();
                metadata.put(key, trimTrailingEmpty(Arrays.copyOfRange(cells, 1, cells.length)));
            } else if (!row.isBlank()) {
                return row;
            }
        }
        return null;
    }

    private RawRow nextNonBlank() {
        RawRow row;
        while ((row = next()) != null && row.isBlank()) {
            blankRowsSkipped++;
        }
        return row;
    }

    private RawRow next() {
        long line = parser.getCurrentLineNumber() + 1;
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            return new RawRow(line, record.values());
        } catch (UncheckedIOException | IllegalStateException e) {
            String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new MalformedTableException(line,
                    line + "行目から始まるレコードの引用符（\"）が正しく閉じられていません: " + detail,
                    "the record starting on line " + line + " has broken quoting (\"): " + detail, e);
        }
    }

    private static List<String> trimTrailingEmpty(String[] cells) {
        int end = cells.length;
        while (end > 0 && cells[end - 1].isBlank()) {
            end--;
        }
        return new ArrayList<>(Arrays.asList(cells).subList(0, end));
    }

    public DetectedCharset charset() {
        return charset;
    }

    /** {@code #}-prefixed rows before the header, by key without the {@code #}. */
    public Map<String, List<String>> metadata() {
        return metadata;
    }

    public Optional<List<String>> header() {
        return Optional.ofNullable(header);
    }

    public long headerLine() {
        return headerLine;
    }

    public long blankRowsSkipped() {
        return blankRowsSkipped;
    }

    /** The data rows, once; blank rows are skipped and counted. */
    @Override
    public Iterator<RawRow> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (pending == null) {
                    pending = nextNonBlank();
                }
                return pending != null;
            }

            @Override
            public RawRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RawRow row = pending;
                pending = null;
                return row;
            }
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
