package io.hiraku.publish;

import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
            cells[i] = PublishedText.of(fields.get(i), values[i]);
        }
        printer.printRecord((Object[]) cells);
    }

    @Override
    void finishDocument() throws IOException {
        printer.flush();
    }
}
