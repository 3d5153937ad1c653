package io.hiraku.publish;

import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import io.hiraku.normalize.GeoPoint;
import io.hiraku.validate.Missing;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.vocabulary.DCTerms;

/**
 * One RDF resource per row, streamed with Jena's streaming writers (N-Triples, or Turtle in blocks).
 * Row IRIs are stable: {@code <base>/datasets/<id>/rows/<primary key>} (or the row number when the
 * schema has no primary key). Properties are the field's {@code rdfProperty}, else
 * {@code <base>/datasets/<id>/schema#<field name>}.
 */
final class RdfFormatWriter extends FormatWriter {
    static final String WKT_LITERAL = "http://www.opengis.net/ont/geosparql#wktLiteral";
    static final String RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
    private final StreamRDF stream;
    private final String rowBase;
    private final Node dataset;
    private final Node[] properties;
    private final RDFDatatype[] datatypes;
    private final int[] keyFields;

    RdfFormatWriter(Path path, Format format, TableSchema schema, String datasetIri) throws IOException {
        super(path, format);
        stream = StreamRDFWriter.getWriterStream(out(),
                format == Format.TURTLE ? RDFFormat.TURTLE_BLOCKS : RDFFormat.NTRIPLES);
        rowBase = datasetIri + "/rows/";
        dataset = NodeFactory.createURI(datasetIri);
        properties = new Node[schema.fields().size()];
        datatypes = new RDFDatatype[properties.length];
        for (int i = 0; i < properties.length; i++) {
            Field field = schema.fields().get(i);
            properties[i] = NodeFactory.createURI(field.rdfProperty() != null
                    ? field.rdfProperty() : datasetIri + "/schema#" + field.name());
            datatypes[i] = switch (field.type()) {
                case INTEGER -> XSDDatatype.XSDinteger;
                case NUMBER -> XSDDatatype.XSDdecimal;
                case BOOLEAN -> XSDDatatype.XSDboolean;
                case DATE -> XSDDatatype.XSDdate;
                case TIME -> XSDDatatype.XSDtime;
                case DATETIME -> XSDDatatype.XSDdateTime;
                case YEAR -> XSDDatatype.XSDgYear;
                case YEARMONTH -> XSDDatatype.XSDgYearMonth;
                case DURATION -> XSDDatatype.XSDduration;
                case GEOPOINT -> TypeMapper.getInstance().getSafeTypeByName(WKT_LITERAL);
                case OBJECT, ARRAY -> TypeMapper.getInstance().getSafeTypeByName(RDF_JSON);
                case STRING, ANY -> null;
            };
        }
        keyFields = schema.primaryKey().stream().mapToInt(schema::indexOf).toArray();
        stream.start();
        if (format == Format.TURTLE) {
            stream.prefix("dct", DCTerms.NS);
            stream.prefix("xsd", XSDDatatype.XSD + "#");
            stream.prefix("row", rowBase);
            stream.prefix("field", datasetIri + "/schema#");
        }
    }

    @Override
    public void accept(long rowNumber, Object[] values) {
        Node row = NodeFactory.createURI(rowBase + rowId(rowNumber, values));
        stream.triple(org.apache.jena.graph.Triple.create(row, DCTerms.isPartOf.asNode(), dataset));
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null || v instanceof Missing) {
                continue;
            }
            String lexical = v instanceof BigDecimal d ? d.toPlainString()
                    : v instanceof GeoPoint p ? "POINT(" + p.lon().toPlainString() + " " + p.lat().toPlainString() + ")"
                    : v.toString();
            Node literal = datatypes[i] == null
                    ? NodeFactory.createLiteralString(lexical)
                    : NodeFactory.createLiteralDT(lexical, datatypes[i]);
            stream.triple(org.apache.jena.graph.Triple.create(row, properties[i], literal));
        }
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
    void finishDocument() {
        stream.finish();
    }
}
