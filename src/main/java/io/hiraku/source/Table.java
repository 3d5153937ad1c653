package io.hiraku.source;

import io.hiraku.normalize.HalfWidth;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import io.hiraku.schema.Continuation;

/**
 * Finds the table in a file's records the way a careful person would: {@code #} metadata rows at the
 * top become hints ({@code #license}, {@code #attribution_name}, {@code #LINK} …); title rows above the
 * header are skipped; the header is the row the definition names; below the data, rows with only a
 * number, total rows (合計, 計, 確認用 …) and notes (※, 注) are left out. Every row left out is listed
 * in {@link #skipped()} with its line. Rows that look like a footer but are followed by more data are
 * data after all, and are validated as such.
 *
 * <p>Streaming: one record at a time, plus the footer-like rows seen since the last data row (at most
 * {@value #MAX_HELD}; past that they are released as data).
 */
public final class Table implements Closeable, Iterable<RawRow> {
    static final int MAX_HELD = 10_000;
    private static final Set<String> TOTAL_LABELS = Set.of("合計", "計", "総計", "小計", "確認用", "合計欄", "total", "Total",
            "TOTAL");

    /**
     * Where the table is and how to read its rows.
     *
     * @param headerRow      which row after the metadata rows names the columns (1 = the first);
     *                       0 when the file has no header
     * @param headerRows     how many rows, ending at {@code headerRow}, make up the header
     * @param leaveOutFooter whether ID-only, total and note rows below the data are left out
     * @param padShortRows   whether rows shorter than the header are filled with empty cells
     *                       (spreadsheets leave trailing empty cells out; in CSV a short row is an error)
     * @param headerFromMetadata the key of the {@code #} row that names the columns, or null
     * @param leftOut        lines the definition says are not data
     * @param headerJoin     what joins the labels of a header of several rows
     */
    public record Layout(int headerRow, int headerRows, boolean leaveOutFooter, boolean padShortRows,
                         String headerFromMetadata, LongPredicate leftOut, Continuation continuation, String headerJoin) {
        public Layout(int headerRow, int headerRows, boolean leaveOutFooter, boolean padShortRows) {
            this(headerRow, headerRows, leaveOutFooter, padShortRows, null, line -> false, null, "_");
        }
    }

    private final RecordReader reader;
    private final LongPredicate leftOut;
    private final Continuation continuation;
    private final boolean leaveOutFooter;
    private final boolean padShortRows;
    private final Map<String, List<String>> metadata = new LinkedHashMap<>();
    private final Map<String, Long> metadataLines = new LinkedHashMap<>();
    private final SkippedRows skipped = new SkippedRows();
    private final List<String> header;
    private final long headerLine;
    private final ArrayDeque<RawRow> held = new ArrayDeque<>();
    private final ArrayDeque<RawRow> released = new ArrayDeque<>();
    private RawRow pending;
    private boolean ended;

    public Table(RecordReader reader, Layout layout) throws IOException {
        this.reader = reader;
        this.leftOut = layout.leftOut();
        this.continuation = layout.continuation();
        this.leaveOutFooter = layout.leaveOutFooter();
        this.padShortRows = layout.padShortRows();
        int headerRow = layout.headerRow();
        int headerRows = layout.headerRows();
        RawRow first = readMetadata();
        if (layout.headerFromMetadata() != null) {
            List<String> names = metadata.get(layout.headerFromMetadata());
            if (names == null) {
                throw new MalformedTableException(0, "列名を示す #" + layout.headerFromMetadata() + " の行がありません",
                        "there is no #" + layout.headerFromMetadata() + " row to name the columns", null);
            }
            List<String> labels = new ArrayList<>();
            labels.add("");
            labels.addAll(names);
            header = List.copyOf(labels);
            headerLine = metadataLines.get(layout.headerFromMetadata());
            pending = first;
            return;
        }
        if (headerRow <= 0) {
            header = null;
            headerLine = 0;
            pending = first;
            return;
        }
        List<RawRow> top = new ArrayList<>();
        RawRow row = first;
        while (row != null && top.size() < headerRow) {
            top.add(row);
            if (top.size() < headerRow) {
                row = nextNonBlank();
            }
        }
        if (top.size() < headerRow) {
            throw new MalformedTableException(0, "見出し行（" + headerRow + "行目）がありません（ファイルが空か、行が足りません）",
                    "there is no header row " + headerRow + " (the file is empty or too short)", null);
        }
        int firstHeader = headerRow - headerRows;
        for (int i = 0; i < firstHeader; i++) {
            skipped.add(SkippedRows.Reason.TITLE, top.get(i).line());
        }
        header = HeaderRows.labels(top.subList(firstHeader, headerRow), layout.headerJoin());
        headerLine = top.get(headerRow - 1).line();
    }

    /** Reads {@code #key,value…} rows and blank rows at the top; returns the first other row. */
    private RawRow readMetadata() throws IOException {
        RawRow row;
        while ((row = read()) != null) {
            String[] cells = row.cells();
            if (cells.length > 0 && cells[0].startsWith("#")) {
                String key = cells[0].substring(1).trim();
                metadata.put(key, trimTrailingEmpty(Arrays.copyOfRange(cells, 1, cells.length)));
                metadataLines.put(key, row.line());
            } else if (row.isBlank()) {
                skipped.add(SkippedRows.Reason.BLANK, row.line());
            } else {
                return row;
            }
        }
        return null;
    }

    private RawRow nextNonBlank() throws IOException {
        RawRow row;
        while ((row = read()) != null && row.isBlank()) {
            skipped.add(SkippedRows.Reason.BLANK, row.line());
        }
        return row;
    }

    /** The next data row, holding back footer-like rows until it is known whether data follows them. */
    private RawRow nextDataRow() throws IOException {
        while (released.isEmpty()) {
            if (ended) {
                return null;
            }
            RawRow row = pending != null ? pending : read();
            pending = null;
            if (row == null) {
                ended = true;
                for (RawRow footer : held) {
                    skipped.add(footerReason(footer), footer.line());
                }
                held.clear();
                return null;
            }
            if (row.isBlank()) {
                if (held.isEmpty()) {
                    skipped.add(SkippedRows.Reason.BLANK, row.line());
                } else {
                    held.add(row);
                }
                continue;
            }
            if (leaveOutFooter && footerReason(row) != null && held.size() < MAX_HELD) {
                held.add(row);
                continue;
            }
            for (RawRow h : held) {
                if (h.isBlank()) {
                    skipped.add(SkippedRows.Reason.BLANK, h.line());
                } else {
                    released.add(h);
                }
            }
            held.clear();
            released.add(row);
        }
        return released.poll();
    }

    /** The next record the definition does not leave out, with its continuation records merged in. */
    private RawRow read() throws IOException {
        RawRow row = readOne();
        if (continuation == null || row == null) {
            return row;
        }
        int column = continuation.column() - 1;
        String[] merged = row.cells();
        while (column < merged.length && continuation.isOpen(merged[column])) {
            RawRow next = readOne();
            if (next == null) {
                break;
            }
            merged = merged.clone();
            for (int c : appendColumns(column)) {
                if (c < merged.length && c < next.cells().length) {
                    merged[c] = merged[c] + next.cells()[c];
                }
            }
            skipped.add(SkippedRows.Reason.MERGED, next.line());
        }
        return merged == row.cells() ? row : new RawRow(row.line(), merged);
    }

    private int[] appendColumns(int column) {
        int[] columns = new int[continuation.join().size() + 1];
        columns[0] = column;
        for (int i = 0; i < continuation.join().size(); i++) {
            columns[i + 1] = continuation.join().get(i) - 1;
        }
        return columns;
    }

    private RawRow readOne() throws IOException {
        RawRow row;
        while ((row = reader.next()) != null && leftOut.test(row.line())) {
            skipped.add(SkippedRows.Reason.DEFINITION, row.line());
        }
        return row;
    }

    /** Why a row would be left out if nothing but such rows follows it; null for an ordinary row. */
    private SkippedRows.Reason footerReason(RawRow row) {
        String[] cells = row.cells();
        if (row.isBlank()) {
            return SkippedRows.Reason.BLANK;
        }
        int filled = 0;
        String first = null;
        int firstIndex = -1;
        for (int i = 0; i < cells.length; i++) {
            if (!cells[i].isBlank()) {
                filled++;
                if (first == null) {
                    first = HalfWidth.trim(HalfWidth.of(cells[i]));
                    firstIndex = i;
                }
            }
        }
        // a total row's label may stand in any column (合計 under the names, 確認用 beside the sums)
        // a number alone in the first column is a row number left below the data, unless the table has
        // no other column: then it is the data (a list of codes, of postal codes)
        int width = header != null ? header.size() : cells.length;
        if (filled == 1 && firstIndex == 0 && width > 1 && isNumberLike(first)) {
            return SkippedRows.Reason.ID_ONLY;
        }
        if (TOTAL_LABELS.contains(first.replace(" ", ""))) {
            return SkippedRows.Reason.TOTAL;
        }
        if (first.startsWith("※") || first.startsWith("注") || first.startsWith("(注") || first.startsWith("出典")
                || first.startsWith("資料")) {
            return SkippedRows.Reason.NOTE;
        }
        return null;
    }

    private static boolean isNumberLike(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) && s.charAt(i) != '-') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static List<String> trimTrailingEmpty(String[] cells) {
        int end = cells.length;
        while (end > 0 && cells[end - 1].isBlank()) {
            end--;
        }
        return new ArrayList<>(Arrays.asList(cells).subList(0, end));
    }

    /** What was read, in words for a receipt. */
    public String describe() {
        return reader.describe();
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

    /** Whether a row shorter than the header just has empty cells at its end (spreadsheets). */
    public boolean shortRowsAreComplete() {
        return padShortRows;
    }

    /** The rows left out so far (complete once the rows have been read to the end). */
    public SkippedRows skipped() {
        return skipped;
    }

    /** The data rows, once. */
    @Override
    public Iterator<RawRow> iterator() {
        return new Iterator<>() {
            private RawRow next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = nextDataRow();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public RawRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RawRow row = next;
                next = null;
                return row;
            }
        };
    }

    /** Bytes of the file read so far (for progress); -1 if the format cannot tell. */
    public long bytesRead() {
        return reader.bytesRead();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
