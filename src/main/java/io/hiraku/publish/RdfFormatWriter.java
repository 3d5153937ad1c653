package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.Missing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One RDF resource per row, in N-Triples or Turtle. Row IRIs are stable:
 * {@code <base>/datasets/<id>/rows/<primary key>} (or the row number when the schema has no primary
 * key). Properties are the field's {@code rdfProperty}, else {@code <base>/datasets/<id>/schema#<field name>}.
 *
 * <p>Written directly rather than through Jena's stream writers: a row's terms are known in advance
 * (each predicate and datatype is formatted once per file, the row IRI once per row), and each value's
 * text comes from the row's shared UTF-8 bytes (see {@link PublishedRow}), so a triple is mostly copied
 * bytes. Through Jena every IRI was re-checked character by character for each
 * triple, which made RDF the slowest part of publishing a large table. The output is the same graph;
 * the tests parse it back with Jena and compare.
 */
final class RdfFormatWriter extends FormatWriter {
    static final String WKT_LITERAL = "http://www.opengis.net/ont/geosparql#wktLiteral";
    static final String RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final String IS_PART_OF = "http://purl.org/dc/terms/isPartOf";

    private static final byte[] END = " .\n".getBytes(StandardCharsets.US_ASCII);
    /** Bytes a row key keeps in its IRI, as URLEncoder keeps them: letters, digits and {@code . - * _}. */
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            UNRESERVED[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".-*_".indexOf(c) >= 0;
        }
    }

    private final boolean turtle;
    /** {@code <base/datasets/<id>/rows/}: a row's IRI is this, its key, and {@code >}. */
    private final byte[] rowBase;
    /**
     * Per field, as UTF-8, what a triple of it holds around its value: before it, the predicate and the
     * opening quote (after the subject in N-Triples, after {@code ;} in Turtle); after it, the closing
     * quote, the datatype and, in N-Triples, the full stop. Made once per file, a triple is then four copies.
     */
    private final byte[][] openings;
    private final byte[][] closings;
    /** The row's first triple after its subject: {@code dct:isPartOf} the dataset (and, in N-Triples, the full stop). */
    private final byte[] partOf;
    private final int[] keyFields;
    /** The row's IRI, {@code <...>}, made once per row. */
    private byte[] subject = new byte[256];
    private int subjectLength;

    RdfFormatWriter(Path path, Format format, TableSchema schema, String datasetIri) throws IOException {
        super(path, format);
        this.turtle = format == Format.TURTLE;
        String base = iri(datasetIri + "/rows/");
        rowBase = utf8(base.substring(0, base.length() - 1));
        openings = new byte[schema.fields().size()][];
        closings = new byte[openings.length][];
        for (int i = 0; i < openings.length; i++) {
            Field field = schema.fields().get(i);
            String predicate = iri(field.rdfProperty() != null ? field.rdfProperty() : datasetIri + "/schema#" + field.name());
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
            openings[i] = utf8((turtle ? " ;\n    " : " ") + predicate + " \"");
            closings[i] = utf8("\"" + (datatype == null ? "" : "^^" + iri(datatype)) + (turtle ? "" : " .\n"));
        }
        partOf = utf8(" " + iri(IS_PART_OF) + " " + iri(datasetIri) + (turtle ? "" : " .\n"));
        keyFields = schema.primaryKey().stream().mapToInt(schema::indexOf).toArray();
    }

    @Override
    void write(PublishedRow row) throws IOException {
        subject(row);
        putSubject();
        put(partOf);
        Object[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null || v instanceof Missing) {
                continue;
            }
            if (!turtle) {
                putSubject();
            }
            put(openings[i]);
            if (v instanceof GeoPoint p) {
                put(utf8("POINT(" + p.lon().toPlainString() + " " + p.lat().toPlainString() + ")"));
            } else if (row.has(i, PublishedRow.ESCAPED)) {
                putEscaped(row.bytes(), row.start(i), row.end(i), false);
            } else {
                putCell(row, i);
            }
            put(closings[i]);
        }
        if (turtle) {
            put(END);
        }
        endRow();
    }

    private void putSubject() {
        put(subject, 0, subjectLength);
    }

    /**
     * The row's IRI: {@code rows/} and its primary key's values (percent-encoded as URLEncoder does, a
     * space as {@code %20}, several joined by {@code /}), or the row number when the schema has none.
     */
    private void subject(PublishedRow row) {
        subjectLength = 0;
        append(rowBase, 0, rowBase.length);
        if (keyFields.length == 0) {
            byte[] n = utf8(Long.toString(row.number()));
            append(n, 0, n.length);
        }
        for (int k = 0; k < keyFields.length; k++) {
            if (k > 0) {
                append(SLASH, 0, 1);
            }
            int cell = keyFields[k];
            if (row.values()[cell] instanceof GeoPoint p) {
                byte[] text = utf8(PublishedText.of(null, p));
                percentEncoded(text, 0, text.length);
            } else {
                percentEncoded(row.bytes(), row.start(cell), row.end(cell));
            }
        }
        append(CLOSE, 0, 1);
    }

    private static final byte[] SLASH = {'/'};
    private static final byte[] CLOSE = {'>'};

    private void percentEncoded(byte[] bytes, int from, int to) {
        subjectRoom((to - from) * 3);
        byte[] s = subject;
        int j = subjectLength;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b >= 0 && UNRESERVED[b]) {
                s[j++] = b;
            } else {
                s[j++] = '%';
                s[j++] = HEX[(b >> 4) & 0xF];
                s[j++] = HEX[b & 0xF];
            }
        }
        subjectLength = j;
    }

    private void append(byte[] bytes, int from, int to) {
        subjectRoom(to - from);
        System.arraycopy(bytes, from, subject, subjectLength, to - from);
        subjectLength += to - from;
    }

    private void subjectRoom(int n) {
        if (subjectLength + n > subject.length) {
            subject = java.util.Arrays.copyOf(subject, Math.max(subjectLength + n, subject.length * 2));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

    @Override
    void finishDocument() {
        // every row ends with its full stop
    }
}
