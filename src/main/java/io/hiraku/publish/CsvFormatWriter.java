package io.hiraku.publish;

import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import io.hiraku.normalize.GeoPoint;
import io.hiraku.validate.Missing;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** RFC 4180 CSV in UTF-8 without BOM, CRLF, a header of the schema's field names, ISO dates. */
final class CsvFormatWriter extends FormatWriter {
    private final CSVPrinter printer;
    private final String[] cells;
    private final List<Field> fields;

    CsvFormatWriter(Path path, TableSchema schema) throws IOException {
        super(path, Format.CSV);
        printer = new CSVPrinter(new OutputStreamWriter(out(), StandardCharsets.UTF_8), CSVFormat.RFC4180);
        printer.printRecord(schema.fields().stream().map(Field::name).toArray());
        cells = new String[schema.fields().size()];
        fields = schema.fields();
    }

    @Override
    public void accept(long rowNumber, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            cells[i] = text(fields.get(i), values[i]);
        }
        printer.printRecord((Object[]) cells);
    }

    /** A typed value as published CSV text: ISO dates, plain decimals, the missing-value marker kept. */
    static String text(Field field, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Missing m) {
            return m.marker();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof GeoPoint p) {
            return field == null ? p.format(null, false) : p.format(field.format(), field.latitudeFirst());
        }
        return value.toString();
    }

    @Override
    void finishDocument() throws IOException {
        printer.flush();
    }
}
