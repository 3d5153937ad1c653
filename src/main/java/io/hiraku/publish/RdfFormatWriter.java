package io.hiraku.publish;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.Missing;
import java.io.IOException;
import java.io.Writer;
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

    private final boolean turtle;
    private final Writer out;
    private final String rowBase;
    /** Per field: the predicate as written ({@code <iri>}), and the datatype suffix ({@code ^^<...>} or ""). */
    private final String[] predicates;
    private final String[] datatypes;
    private final String partOf;
    private final int[] keyFields;
    private final StringBuilder line = new StringBuilder(512);

    RdfFormatWriter(Path path, Format format, TableSchema schema, String datasetIri) throws IOException {
        super(path, format);
        this.turtle = format == Format.TURTLE;
        this.out = new Utf8Writer(out(), 1 << 16);
        rowBase = datasetIri + "/rows/";
        predicates = new String[schema.fields().size()];
        datatypes = new String[predicates.length];
        for (int i = 0; i < predicates.length; i++) {
            Field field = schema.fields().get(i);
            predicates[i] = iri(field.rdfProperty() != null ? field.rdfProperty() : datasetIri + "/schema#" + field.name());
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
            datatypes[i] = datatype == null ? "" : "^^" + iri(datatype);
        }
        partOf = iri(IS_PART_OF) + " " + iri(datasetIri);
        keyFields = schema.primaryKey().stream().mapToInt(schema::indexOf).toArray();
    }

    @Override
    public void accept(long rowNumber, Object[] values) throws IOException {
        String subject = iri(rowBase + rowId(rowNumber, values));
        StringBuilder b = line;
        b.setLength(0);
        if (turtle) {
            b.append(subject).append(' ').append(partOf);
        } else {
            b.append(subject).append(' ').append(partOf).append(" .\n");
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null || v instanceof Missing) {
                continue;
            }
            if (turtle) {
                b.append(" ;\n    ");
            } else {
                b.append(subject).append(' ');
            }
            b.append(predicates[i]).append(' ');
            literal(lexical(v), b);
            b.append(datatypes[i]);
            if (!turtle) {
                b.append(" .\n");
            }
        }
        if (turtle) {
            b.append(" .\n");
        }
        out.append(b);
    }

    private static String lexical(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof GeoPoint p) {
            return "POINT(" + p.lon().toPlainString() + " " + p.lat().toPlainString() + ")";
        }
        return v.toString();
    }

    /** A quoted literal with N-Triples/Turtle escapes: quote, backslash, line breaks, and other controls as \\u. */
    static void literal(String text, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
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
