package io.hiraku.publish;

import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV in UTF-8, CRLF, ISO dates. Two variants: the plain one (no BOM, a header of the schema's
 * field names) for programs, and the Excel one for people (a BOM so that Japanese Excel does not read
 * it as Shift_JIS, a header of the titles, and text that Excel would run as a formula — starting with
 * =, +, -, @ — neutralised with a leading apostrophe).
 */
final class CsvFormatWriter extends FormatWriter {
    private final CSVPrinter printer;
    private final String[] cells;
    private final List<Field> fields;
    private final boolean forExcel;

    CsvFormatWriter(Path path, TableSchema schema, boolean forExcel) throws IOException {
        super(path, forExcel ? Format.EXCEL_CSV : Format.CSV);
        this.forExcel = forExcel;
        java.io.Writer writer = new Utf8Writer(out(), 1 << 16);
        if (forExcel) {
            writer.write('\uFEFF');
        }
        printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        fields = schema.fields();
        printer.printRecord(fields.stream().map(f -> forExcel ? f.label() : f.name()).toArray());
        cells = new String[fields.size()];
    }

    @Override
    public void accept(long rowNumber, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            String text = PublishedText.of(fields.get(i), values[i]);
            cells[i] = forExcel && fields.get(i).type() == FieldType.STRING ? neutralised(text) : text;
        }
        printer.printRecord((Object[]) cells);
    }

    /** Text Excel would take for a formula gets a leading apostrophe, which Excel shows as text. */
    static String neutralised(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    @Override
    void finishDocument() throws IOException {
        printer.flush();
    }
}
