package io.hiraku.publish;

import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8, CRLF, ISO dates. Two variants: the plain one (no BOM, a header of the schema's
 * field names) for programs, and the Excel one for people (a BOM so that Japanese Excel does not read
 * it as Shift_JIS, a header of the titles, and text that Excel would run as a formula — starting with
 * =, +, -, @ — neutralised with a leading apostrophe).
 *
 * <p>Quoted as Commons CSV's RFC 4180 printer quotes (its minimal mode): a cell holding a comma, a quote
 * or a line break, starting with a character up to {@code #}, or ending in a space or control character,
 * and an empty first cell (else a one-column row of nothing would be a blank line). Cells are written from
 * the row's shared bytes (see {@link PublishedRow}); the tests read the files back with Commons CSV.
 */
final class CsvFormatWriter extends FormatWriter {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] CRLF = {'\r', '\n'};

    private final boolean forExcel;
    /** Per field: whether it is text, which the Excel variant guards against formulas. */
    private final boolean[] text;

    CsvFormatWriter(Path path, TableSchema schema, boolean forExcel) throws IOException {
        super(path, forExcel ? Format.EXCEL_CSV : Format.CSV);
        this.forExcel = forExcel;
        List<Field> fields = schema.fields();
        text = new boolean[fields.size()];
        if (forExcel) {
            put(BOM);
        }
        for (int i = 0; i < fields.size(); i++) {
            text[i] = fields.get(i).type() == FieldType.STRING;
            byte[] name = (forExcel ? fields.get(i).label() : fields.get(i).name()).getBytes(StandardCharsets.UTF_8);
            if (i > 0) {
                put((byte) ',');
            }
            cell(name, 0, name.length, i == 0, false, (PublishedRow.flags(name) & PublishedRow.CSV_SPECIAL) != 0);
        }
        put(CRLF);
    }

    @Override
    void write(PublishedRow row) throws IOException {
        byte[] bytes = row.bytes();
        for (int i = 0; i < row.cells(); i++) {
            if (i > 0) {
                put((byte) ',');
            }
            int from = row.start(i);
            int to = row.end(i);
            boolean formula = forExcel && text[i] && from < to && startsFormula(bytes[from]);
            cell(bytes, from, to, i == 0, formula, row.has(i, PublishedRow.CSV_SPECIAL));
        }
        put(CRLF);
        endRow();
    }

    /** Text Excel would take for a formula, which gets a leading apostrophe: Excel shows it as text. */
    private static boolean startsFormula(byte first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /**
     * One cell, quoted when it must be.
     *
     * @param apostrophe write a leading {@code '} before the text (Excel's formula guard)
     * @param special    the text holds a comma, quote, CR or LF
     */
    private void cell(byte[] bytes, int from, int to, boolean first, boolean apostrophe, boolean special) {
        boolean quote;
        if (from == to) { // never with the apostrophe: only text that starts a formula gets one
            quote = first;
        } else {
            int head = apostrophe ? '\'' : bytes[from] & 0xFF;
            int tail = bytes[to - 1] & 0xFF;
            quote = special || head <= '#' || tail <= ' ';
        }
        if (!quote) {
            if (apostrophe) {
                put((byte) '\'');
            }
            put(bytes, from, to);
            return;
        }
        put((byte) '"');
        if (apostrophe) {
            put((byte) '\'');
        }
        int start = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"') {
                put(bytes, start, i + 1);
                start = i; // the quote again: doubled
            }
        }
        put(bytes, start, to);
        put((byte) '"');
    }

    @Override
    void finishDocument() {
        // rows end with their line break
    }
}
