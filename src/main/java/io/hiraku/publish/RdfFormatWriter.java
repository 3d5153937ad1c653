package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.Missing;
import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One RDF resource per row, in N-Triples or Turtle. Row IRIs are stable:
 * {@code <base>/datasets/<id>/rows/<primary key>} (or the row number when the schema has no primary
 * key). Properties are the field's {@code rdfProperty}, else {@code <base>/datasets/<id>/schema#<field name>}.
 *
 * <p>Written directly rather than through Jena's stream writers: a row's terms are known in advance
 * (each predicate and datatype is formatted once per file, the row IRI once per row), so a row costs
 * one pass over its values. Through Jena every IRI was re-checked character by character for each
 * triple, which made RDF the slowest part of publishing a large table. The output is the same graph;
 * the tests parse it back with Jena and compare.
 */
final class RdfFormatWriter extends FormatWriter {
    static final String WKT_LITERAL = "http://www.opengis.net/ont/geosparql#wktLiteral";
    static final String RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String IS_PART_OF = "http://purl.org/dc/terms/isPartOf";

    private static final byte[] SPACE = {' '};
    private static final byte[] END = " .\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT = " ;\n    ".getBytes(StandardCharsets.US_ASCII);

    private final boolean turtle;
    private final OutputStream out;
    private final String rowBase;
    /** Per field, as UTF-8: the predicate as written ({@code <iri>}), and the datatype suffix ({@code ^^<...>} or ""). */
    private final byte[][] predicates;
    private final byte[][] datatypes;
    private final byte[] partOf;
    private final int[] keyFields;
    /** The row being written, as UTF-8 bytes: built here and written in one call. */
    private byte[] line = new byte[1024];
    private int used;

    RdfFormatWriter(Path path, Format format, TableSchema schema, String datasetIri) throws IOException {
        super(path, format);
        this.turtle = format == Format.TURTLE;
        this.out = new BufferedOutputStream(out(), 1 << 16);
        rowBase = datasetIri + "/rows/";
        predicates = new byte[schema.fields().size()][];
        datatypes = new byte[predicates.length][];
        for (int i = 0; i < predicates.length; i++) {
            Field field = schema.fields().get(i);
            predicates[i] = utf8(iri(field.rdfProperty() != null ? field.rdfProperty() : datasetIri + "/schema#" + field.name()));
            String datatype = switch (field.type()) {
                case INTEGER -> XSD + "integer";
                case NUMBER -> XSD + "decimal";
                case BOOLEAN -> XSD + "boolean";
                case DATE -> XSD + "date";
                case TIME -> XSD + "time";
                case DATETIME -> XSD + "dateTime";
                case YEAR -> XSD + "gYear";
                case YEARMONTH -> XSD + "gYearMonth";
                case DURATION -> XSD + "duration";
                case GEOPOINT -> WKT_LITERAL;
                case OBJECT, ARRAY -> RDF_JSON;
                case STRING, ANY -> null;
            };
            datatypes[i] = utf8(datatype == null ? "" : "^^" + iri(datatype));
        }
        partOf = utf8(iri(IS_PART_OF) + " " + iri(datasetIri));
        keyFields = schema.primaryKey().stream().mapToInt(schema::indexOf).toArray();
    }

    @Override
    public void accept(long rowNumber, Object[] values) throws IOException {
        byte[] subject = utf8(iri(rowBase + rowId(rowNumber, values)));
        used = 0;
        put(subject);
        put(SPACE);
        put(partOf);
        if (!turtle) {
            put(END);
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null || v instanceof Missing) {
                continue;
            }
            if (turtle) {
                put(NEXT);
            } else {
                put(subject);
                put(SPACE);
            }
            put(predicates[i]);
            put(SPACE);
            literal(lexical(v));
            put(datatypes[i]);
            if (!turtle) {
                put(END);
            }
        }
        if (turtle) {
            put(END);
        }
        out.write(line, 0, used);
    }

    private void put(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, line, used, bytes.length);
        used += bytes.length;
    }

    private void room(int bytes) {
        if (used + bytes > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(used + bytes, line.length * 2));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A quoted literal with N-Triples/Turtle escapes (quote, backslash, line breaks, tab, and other
     * controls as backslash-u and four hex digits), encoded as UTF-8 straight into the row (an unpaired surrogate as
     * {@code ?}, as Java's encoder writes it).
     */
    private void literal(String text) {
        int n = text.length();
        room(n * 6 + 2);
        byte[] b = line;
        int j = used;
        b[j++] = '"';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                b[j++] = (byte) c;
            } else if (c < 0x80) {
                b[j++] = '\\';
                switch (c) {
                    case '"' -> b[j++] = '"';
                    case '\\' -> b[j++] = '\\';
                    case '\n' -> b[j++] = 'n';
                    case '\r' -> b[j++] = 'r';
                    case '\t' -> b[j++] = 't';
                    default -> {
                        b[j++] = 'u';
                        b[j++] = '0';
                        b[j++] = '0';
                        b[j++] = (byte) HEX[c >> 4];
                        b[j++] = (byte) HEX[c & 0xF];
                    }
                }
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                j = Utf8Writer.encodeSupplementary(Character.toCodePoint(c, text.charAt(++i)), b, j);
            } else if (Character.isSurrogate(c)) {
                b[j++] = '?';
            } else {
                j = Utf8Writer.encodeBmp(c, b, j);
            }
        }
        b[j++] = '"';
        used = j;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String lexical(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof GeoPoint p) {
            return "POINT(" + p.lon().toPlainString() + " " + p.lat().toPlainString() + ")";
        }
        return v.toString();
    }

    /**
     * {@code <iri>}. Row keys are percent-encoded and field names are checked when definitions load, so
     * IRIs hold no character an IRI may not; should one slip through (a space in a configured base URL),
     * it is percent-encoded rather than written as broken RDF.
     */
    static String iri(String iri) {
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= ' ' || "<>\"{}|^`\\".indexOf(c) >= 0) {
                return "<" + percentEncodeBad(iri) + ">";
            }
        }
        return "<" + iri + ">";
    }

    private static String percentEncodeBad(String iri) {
        StringBuilder b = new StringBuilder(iri.length() + 16);
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= ' ' || "<>\"{}|^`\\".indexOf(c) >= 0) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private String rowId(long rowNumber, Object[] values) {
        if (keyFields.length == 0) {
            return Long.toString(rowNumber);
        }
        StringBuilder id = new StringBuilder();
        for (int k = 0; k < keyFields.length; k++) {
            if (k > 0) {
                id.append('/');
            }
            Object v = values[keyFields[k]];
            String text = PublishedText.of(null, v);
            id.append(URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return id.toString();
    }

    @Override
    void finishDocument() throws IOException {
        out.flush();
    }
}
