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
    public enum Kind { TEXT, JSON, XLSX, UNSUPPORTED_SPREADSHEET }

    public static Kind kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || name.endsWith(".geojson") || name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Kind.JSON;
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return Kind.XLSX;
        }
        if (name.endsWith(".xls") || name.endsWith(".ods") || name.endsWith(".numbers")) {
            return Kind.UNSUPPORTED_SPREADSHEET;
        }
        return Kind.TEXT;
    }

    /** Whether the file's encoding must be found before it is read (text and JSON; not xlsx). */
    public static boolean needsCharset(Path file) {
        Kind kind = kind(file);
        return kind == Kind.TEXT || kind == Kind.JSON;
    }

    /**
     * Opens the file as a table.
     *
     * @param charset the detected charset for text and JSON files; ignored for spreadsheets
     */
    public static Table open(Path file, DetectedCharset charset, SourceHints hints) throws IOException {
        return open(file, charset, hints, Limits.DEFAULT);
    }

    /** Opens the file as a table, refusing records and headers beyond the limits. */
    public static Table open(Path file, DetectedCharset charset, SourceHints hints, Limits limits) throws IOException {
        Kind kind = kind(file);
        if (kind == Kind.UNSUPPORTED_SPREADSHEET) {
            throw new MalformedTableException(0, "この形式の表計算ファイルは読めません。xlsx か CSV で保存してください",
                    "this spreadsheet format cannot be read; save it as .xlsx or CSV", null);
        }
        RecordReader reader = switch (kind) {
            case JSON -> JsonRecordReader.open(file, charset);
            case XLSX -> XlsxRecordReader.open(file, hints.sheet());
            default -> CsvRecordReader.open(file, charset, hints.delimiter(), limits);
        };
        try {
            Table.Layout layout = kind == Kind.JSON
                    ? new Table.Layout(1, 1, false, false)
                    : new Table.Layout(hints.headerRow(), hints.headerRows(), hints.leaveOutFooter(), kind == Kind.XLSX,
                            hints.headerFromMetadata(), hints::skips, hints.continuation(), hints.headerJoin());
            Table table = new Table(reader, layout);
            int columns = table.header().map(java.util.List::size).orElse(0);
            if (columns > limits.columns()) {
                table.close();
                throw new MalformedTableException(table.headerLine(), "表の列が多すぎます（" + columns + " 列。"
                        + limits.columns() + " 列まで）。見出し行を確かめてください", "the table has " + columns
                        + " columns, at most " + limits.columns() + " are accepted; check the header row", null);
            }
            return table;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
