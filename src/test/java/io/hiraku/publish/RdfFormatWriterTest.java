package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.Missing;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written N-Triples and Turtle parse back, with Jena, to exactly the graph the rows mean. */
class RdfFormatWriterTest {
    private static final String DATASET = "https://data.example.jp/datasets/shops";
    @TempDir
    Path dir;

    private TableSchema schema() throws Exception {
        Files.writeString(io.hiraku.Fixtures.cityCatalog(dir.resolve("catalog")).resolve("shops.yaml"), """
                title: 店舗
                schema:
                  primaryKey: [code]
                  fields:
                    - {name: code, type: string}
                    - {name: 名称, type: string, rdfProperty: "http://schema.org/name"}
                    - {name: seats, type: integer}
                    - {name: area, type: number}
                    - {name: open, type: boolean}
                    - {name: opened, type: date}
                    - {name: place, type: geopoint}
                """);
        return new DefinitionLoader().load(dir.resolve("catalog")).dataset("shops").orElseThrow().schema();
    }

    private static final Object[][] ROWS = {
        {"A-1", "中央\"公民館\" \\ 分館😀", 120L, new BigDecimal("35.50"), true, LocalDate.of(2024, 4, 1),
            new GeoPoint(new BigDecimal("138.3"), new BigDecimal("34.8"))},
        {"B/2 3", "改行\nあり\r\tタブ\u0001制御", null, new BigDecimal("-0.5"), false, null, null},
        {"ｃ＆ｄ", new Missing("秘匿"), 0L, null, null, LocalDate.of(1989, 1, 8), null},
    };

    @Test
    void nTriplesAndTurtleParseBackToTheRowsGraph() throws Exception {
        TableSchema schema = schema();
        Model expected = ModelFactory.createDefaultModel();
        String[] ids = {"A-1", "B%2F2%203", "%EF%BD%83%EF%BC%86%EF%BD%84"};
        String[] props = {DATASET + "/schema#code", "http://schema.org/name", DATASET + "/schema#seats",
            DATASET + "/schema#area", DATASET + "/schema#open", DATASET + "/schema#opened", DATASET + "/schema#place"};
        for (int r = 0; r < ROWS.length; r++) {
            Resource row = expected.createResource(DATASET + "/rows/" + ids[r]);
            row.addProperty(DCTerms.isPartOf, expected.createResource(DATASET));
            Object[] v = ROWS[r];
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null || v[i] instanceof Missing) {
                    continue;
                }
                var p = expected.createProperty(props[i]);
                switch (i) {
                    case 2 -> row.addLiteral(p, expected.createTypedLiteral(v[i].toString(), XSDDatatype.XSDinteger));
                    case 3 -> row.addLiteral(p, expected.createTypedLiteral(((BigDecimal) v[i]).toPlainString(), XSDDatatype.XSDdecimal));
                    case 4 -> row.addLiteral(p, expected.createTypedLiteral(v[i].toString(), XSDDatatype.XSDboolean));
                    case 5 -> row.addLiteral(p, expected.createTypedLiteral(v[i].toString(), XSDDatatype.XSDdate));
                    case 6 -> row.addLiteral(p, expected.createTypedLiteral("POINT(138.3 34.8)",
                            TypeMapper.getInstance().getSafeTypeByName(RdfFormatWriter.WKT_LITERAL)));
                    default -> row.addProperty(p, v[i].toString());
                }
            }
        }
        for (Format format : new Format[] {Format.NTRIPLES, Format.TURTLE}) {
            Path file = dir.resolve("shops." + (format == Format.TURTLE ? "ttl" : "nt"));
            RdfFormatWriter writer = new RdfFormatWriter(file, format, schema, DATASET);
            PublishedRow.Encoder encoder = new PublishedRow.Encoder(schema.fields());
            for (int r = 0; r < ROWS.length; r++) {
                writer.write(encoder.encode(r + 1, ROWS[r]));
            }
            PublishedFile written = writer.finish();
            Model parsed = ModelFactory.createDefaultModel();
            RDFDataMgr.read(parsed, file.toString(), format == Format.TURTLE ? Lang.TURTLE : Lang.NTRIPLES);
            assertThat(parsed.isIsomorphicWith(expected)).as(format + ":\n" + Files.readString(file)).isTrue();
            assertThat(written.sha256()).isEqualTo(Sha256.of(file));
            assertThat(written.bytes()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void aBadCharacterInAnIriIsPercentEncodedNotWrittenRaw() {
        assertThat(RdfFormatWriter.iri("http://example.jp/a b<c>")).isEqualTo("<http://example.jp/a%20b%3Cc%3E>");
        assertThat(RdfFormatWriter.iri("http://example.jp/施設")).isEqualTo("<http://example.jp/施設>");
    }
}
