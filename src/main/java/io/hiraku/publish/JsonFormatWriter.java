package io.hiraku.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import io.hiraku.normalize.GeoPoint;
import io.hiraku.validate.JsonText;
import io.hiraku.validate.Missing;

/** A JSON array of records, one object per row, typed: numbers as numbers, booleans, ISO date strings, null. */
final class JsonFormatWriter extends FormatWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final JsonGenerator json;
    private final String[] names;

    JsonFormatWriter(Path path, TableSchema schema) throws IOException {
        super(path, Format.JSON);
        json = FACTORY.createGenerator(out(), JsonEncoding.UTF8);
        json.writeStartArray();
        names = schema.fields().stream().map(f -> f.name()).toArray(String[]::new);
    }

    @Override
    public void accept(long rowNumber, Object[] values) throws IOException {
        json.writeRaw('\n');
        json.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            json.writeFieldName(names[i]);
            Object v = values[i];
            if (v == null || v instanceof Missing) {
                json.writeNull();
            } else if (v instanceof java.time.Year y) {
                json.writeNumber(y.getValue());
            } else if (v instanceof JsonText t) {
                json.writeRawValue(t.json());
            } else if (v instanceof GeoPoint p) {
                json.writeStartArray();
                json.writeNumber(p.lon());
                json.writeNumber(p.lat());
                json.writeEndArray();
            } else if (v instanceof Long l) {
                json.writeNumber(l);
            } else if (v instanceof BigInteger b) {
                json.writeNumber(b);
            } else if (v instanceof BigDecimal d) {
                json.writeNumber(d);
            } else if (v instanceof Boolean b) {
                json.writeBoolean(b);
            } else {
                json.writeString(v.toString());
            }
        }
        json.writeEndObject();
    }

    @Override
    void finishDocument() throws IOException {
        json.writeRaw('\n');
        json.writeEndArray();
        json.writeRaw('\n');
        json.flush();
    }
}
