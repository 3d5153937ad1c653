package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.JsonText;
import io.hiraku.validate.Missing;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Year;

/**
 * A JSON array of records, one object per row, typed: numbers as numbers (decimals in plain notation),
 * booleans, ISO date strings, null for a missing value. Written from the row's shared bytes (see
 * {@link PublishedRow}): each member's {@code "name":} is made once per file, a number or a string
 * without anything to escape is a copy. The tests read the files back with Jackson.
 */
class JsonFormatWriter extends FormatWriter {
    static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FIRST_ROW = "\n{".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_ROW = "\n,{".getBytes(StandardCharsets.US_ASCII);

    /** Per field: {@code "name":}, with a comma before it after the first. */
    private final byte[][] members;
    private boolean first = true;

    JsonFormatWriter(Path path, TableSchema schema) throws IOException {
        this(path, Format.JSON, schema, new byte[] {'['});
    }

    /** A document of another format whose rows hold the row's object, after {@code opening}. */
    JsonFormatWriter(Path path, Format format, TableSchema schema, byte[] opening) throws IOException {
        super(path, format);
        members = new byte[schema.fields().size()][];
        for (int i = 0; i < members.length; i++) {
            byte[] name = schema.fields().get(i).name().getBytes(StandardCharsets.UTF_8);
            byte[] member = new byte[name.length * 6 + 4];
            int n = 0;
            if (i > 0) {
                member[n++] = ',';
            }
            member[n++] = '"';
            n = escape(name, 0, name.length, true, member, n);
            member[n++] = '"';
            member[n++] = ':';
            members[i] = java.util.Arrays.copyOf(member, n);
        }
        put(opening);
    }

    @Override
    void write(PublishedRow row) throws IOException {
        put(firstRow() ? FIRST_ROW : NEXT_ROW);
        putMembers(row);
        put((byte) '}');
        endRow();
    }

    /** True for the first row only: a row after it is preceded by a comma. */
    final boolean firstRow() {
        boolean was = first;
        first = false;
        return was;
    }

    /** The row's members, {@code "name":value,…}, typed. */
    final void putMembers(PublishedRow row) {
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            put(members[i]);
            Object v = values[i];
            if (v == null || v instanceof Missing) {
                put(NULL);
            } else if (v instanceof Long || v instanceof BigDecimal || v instanceof BigInteger
                    || v instanceof Boolean || v instanceof Year || v instanceof JsonText) {
                putCell(row, i); // a JSON number, true/false, or checked JSON as it is
            } else if (v instanceof GeoPoint p) {
                putCoordinates(p);
            } else {
                put((byte) '"');
                if (row.has(i, PublishedRow.ESCAPED)) {
                    putEscaped(row.bytes(), row.start(i), row.end(i), true);
                } else {
                    putCell(row, i);
                }
                put((byte) '"');
            }
        }
    }

    /** A point as GeoJSON and Frictionless's array form write it: {@code [lon,lat]}. */
    final void putCoordinates(GeoPoint p) {
        put((byte) '[');
        putAscii(p.lon().toPlainString());
        put((byte) ',');
        putAscii(p.lat().toPlainString());
        put((byte) ']');
    }

    private void putAscii(String text) {
        put(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    void finishDocument() {
        put((byte) '\n');
        put((byte) ']');
        put((byte) '\n');
    }
}
