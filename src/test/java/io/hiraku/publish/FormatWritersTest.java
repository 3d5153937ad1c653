package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.hiraku.normalize.GeoPoint;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.JsonText;
import io.hiraku.validate.Missing;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV and JSON writers, which write rows from their shared UTF-8 bytes, give byte for byte what
 * Commons CSV's RFC 4180 printer and Jackson's generator give for the same values, on hostile text:
 * quotes, commas, line breaks, leading and trailing spaces, formula starts, controls, backslashes,
 * emoji, a lone surrogate, empty and missing cells.
 */
class FormatWritersTest {
    private static final String[] PIECES = {"a", "中央公民館", ",", "\"", "\r", "\n", "\r\n", " ", "#", "!", "=", "+", "-",
        "@", "\t", "\u0001", "\u001F", "\\", "\u007F", "😀", "\uD83D", "\uDE00", "ｱｲｳ", "é", "'", "0"};

    @TempDir
    Path dir;

    private TableSchema schema() throws Exception {
        Files.writeString(io.hiraku.Fixtures.cityCatalog(dir.resolve("catalog")).resolve("things.yaml"), """
                title: もの
                schema:
                  fields:
                    - {name: text, title: "名前, \\"正式\\"", type: string}
                    - {name: count, type: integer}
                    - {name: size, type: number}
                    - {name: open, type: boolean}
                    - {name: day, type: date}
                    - {name: year, type: year}
                    - {name: place, type: geopoint}
                    - {name: extra, type: object}
                    - {name: note, type: string}
                """);
        return new DefinitionLoader().load(dir.resolve("catalog")).dataset("things").orElseThrow().schema();
    }

    private static String text(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private static List<Object[]> rows() {
        SplittableRandom random = new SplittableRandom(11);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 3_000; r++) {
            Object[] row = {
                text(random),
                random.nextInt(5) == 0 ? (Object) new BigInteger("123456789012345678901234567890") : (Object) random.nextLong(),
                new BigDecimal(BigInteger.valueOf(random.nextInt()), random.nextInt(-2, 12)),
                random.nextBoolean(),
                LocalDate.ofEpochDay(random.nextInt(40_000)),
                Year.of(1900 + random.nextInt(200)),
                new GeoPoint(new BigDecimal("139.7" + random.nextInt(1000)), new BigDecimal("35.6" + random.nextInt(1000))),
                new JsonText("{\"k\":[1,\"a,b\"]}"),
                text(random),
            };
            for (int i = 0; i < row.length; i++) {
                int roll = random.nextInt(12);
                if (roll == 0) {
                    row[i] = null;
                } else if (roll == 1) {
                    row[i] = new Missing(random.nextBoolean() ? "-" : "秘 匿");
                }
            }
            rows.add(row);
        }
        rows.add(new Object[] {"", null, null, null, null, null, null, null, ""});
        return rows;
    }

    @Test
    void csvIsWhatCommonsCsvPrints() throws Exception {
        TableSchema schema = schema();
        List<Object[]> rows = rows();
        for (boolean excel : new boolean[] {false, true}) {
            Path file = dir.resolve(excel ? "things-excel.csv" : "things.csv");
            CsvFormatWriter writer = new CsvFormatWriter(file, schema, excel);
            write(writer, schema, rows);
            PublishedFile published = writer.finish();

            StringBuilder expected = new StringBuilder(excel ? "\uFEFF" : "");
            try (CSVPrinter printer = new CSVPrinter(expected, CSVFormat.RFC4180)) {
                printer.printRecord(schema.fields().stream().map(f -> excel ? f.label() : f.name()).toArray());
                for (Object[] row : rows) {
                    Object[] cells = new Object[row.length];
                    for (int i = 0; i < row.length; i++) {
                        Field field = schema.fields().get(i);
                        String text = PublishedText.of(field, row[i]);
                        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
                        cells[i] = excel && field.type() == FieldType.STRING && formula ? "'" + text : text;
                    }
                    printer.printRecord(cells);
                }
            }
            byte[] actual = Files.readAllBytes(file);
            assertSame(new String(actual, StandardCharsets.UTF_8), expected.toString().replaceAll("\\p{Cs}", "?"));
            assertThat(actual).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(published.bytes()).isEqualTo(actual.length);
            assertThat(published.sha256()).isEqualTo(Sha256.of(file));
        }
    }

    @Test
    void jsonIsWhatJacksonGenerates() throws Exception {
        TableSchema schema = schema();
        List<Object[]> rows = rows();
        Path file = dir.resolve("things.json");
        JsonFormatWriter writer = new JsonFormatWriter(file, schema);
        write(writer, schema, rows);
        writer.finish();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (JsonGenerator json = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build()
                .createGenerator(expected)) {
            json.writeStartArray();
            for (Object[] row : rows) {
                json.writeRaw('\n');
                json.writeStartObject();
                for (int i = 0; i < row.length; i++) {
                    json.writeFieldName(schema.fields().get(i).name());
                    Object v = row[i];
                    if (v == null || v instanceof Missing) {
                        json.writeNull();
                    } else if (v instanceof Long l) {
                        json.writeNumber(l);
                    } else if (v instanceof BigInteger b) {
                        json.writeNumber(b);
                    } else if (v instanceof BigDecimal d) {
                        json.writeNumber(d);
                    } else if (v instanceof Boolean b) {
                        json.writeBoolean(b);
                    } else if (v instanceof Year y) {
                        json.writeNumber(y.getValue());
                    } else if (v instanceof GeoPoint p) {
                        json.writeStartArray();
                        json.writeNumber(p.lon());
                        json.writeNumber(p.lat());
                        json.writeEndArray();
                    } else if (v instanceof JsonText t) {
                        json.writeRawValue(t.json());
                    } else {
                        json.writeString(v.toString().replaceAll("\\p{Cs}", "?")); // as the JDK encodes a lone half
                    }
                }
                json.writeEndObject();
            }
            json.writeRaw('\n');
            json.writeEndArray();
            json.writeRaw('\n');
        }
        assertSame(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), expected.toString(StandardCharsets.UTF_8));
    }

    @Test
    void geoJsonHasAFeaturePerRowWithThePointAndTheJsonRecordAsProperties() throws Exception {
        TableSchema schema = schema();
        List<Object[]> rows = rows();
        JsonFormatWriter json = new JsonFormatWriter(dir.resolve("things.json"), schema);
        write(json, schema, rows);
        json.finish();
        GeoJsonFormatWriter geo = new GeoJsonFormatWriter(dir.resolve("things.geojson"), schema,
                GeoColumns.of(schema).orElseThrow());
        write(geo, schema, rows);
        PublishedFile published = geo.finish();
        assertThat(published.format()).isEqualTo(Format.GEOJSON);

        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode records = mapper.readTree(dir.resolve("things.json").toFile());
        com.fasterxml.jackson.databind.JsonNode collection = mapper.readTree(dir.resolve("things.geojson").toFile());
        assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
        com.fasterxml.jackson.databind.JsonNode features = collection.path("features");
        assertThat(features.size()).isEqualTo(rows.size());
        int unplaced = 0;
        for (int r = 0; r < rows.size(); r++) {
            com.fasterxml.jackson.databind.JsonNode feature = features.get(r);
            assertThat(feature.path("type").asText()).isEqualTo("Feature");
            assertThat(feature.path("properties")).isEqualTo(records.get(r));
            if (rows.get(r)[6] instanceof GeoPoint p) {
                assertThat(feature.path("geometry").path("type").asText()).isEqualTo("Point");
                assertThat(feature.path("geometry").path("coordinates").get(0).decimalValue()).isEqualByComparingTo(p.lon());
                assertThat(feature.path("geometry").path("coordinates").get(1).decimalValue()).isEqualByComparingTo(p.lat());
            } else {
                assertThat(feature.get("geometry").isNull()).isTrue();
                unplaced++;
            }
        }
        assertThat(unplaced).isPositive();
    }

    @Test
    void placesAreFoundByAGeopointOrByLatitudeAndLongitudeFieldsAndOnlyPointsOnTheEarthArePlaced() throws Exception {
        Path datasets = io.hiraku.Fixtures.cityCatalog(dir.resolve("catalog"));
        Files.writeString(datasets.resolve("toilets.yaml"), """
                title: トイレ
                schema:
                  fields:
                    - {name: name, type: string}
                    - {name: ido, title: 緯度, type: number}
                    - {name: keido, title: 経度, type: number}
                """);
        Files.writeString(datasets.resolve("benches.yaml"), """
                title: ベンチ
                schema:
                  fields:
                    - {name: name, type: string}
                    - {name: lng, type: number}
                    - {name: Lat, type: integer}
                """);
        Files.writeString(datasets.resolve("notes.yaml"), """
                title: メモ
                schema:
                  fields:
                    - {name: name, type: string}
                    - {name: latitude, type: string}
                    - {name: longitude, type: string}
                """);
        io.hiraku.schema.Definitions definitions = new DefinitionLoader().load(dir.resolve("catalog"));
        GeoColumns toilets = GeoColumns.of(definitions.dataset("toilets").orElseThrow().schema()).orElseThrow();
        GeoColumns benches = GeoColumns.of(definitions.dataset("benches").orElseThrow().schema()).orElseThrow();
        assertThat(GeoColumns.of(definitions.dataset("notes").orElseThrow().schema())).isEmpty();

        GeoPoint placed = toilets.of(new Object[] {"駅前", new BigDecimal("34.876"), new BigDecimal("138.32")});
        assertThat(placed.lat()).isEqualByComparingTo("34.876");
        assertThat(placed.lon()).isEqualByComparingTo("138.32");
        assertThat(toilets.of(new Object[] {"駅前", null, new BigDecimal("138.32")})).isNull();
        assertThat(toilets.of(new Object[] {"駅前", new Missing("-"), new BigDecimal("138.32")})).isNull();
        // swapped in the file: 138 is no latitude
        assertThat(toilets.of(new Object[] {"駅前", new BigDecimal("138.32"), new BigDecimal("34.876")})).isNull();
        assertThat(benches.of(new Object[] {"公園", new BigDecimal("-179.5"), 35L}))
                .isEqualTo(new GeoPoint(new BigDecimal("-179.5"), BigDecimal.valueOf(35)));
    }

    /** Equal texts, or a failure that shows where they part. */
    private static void assertSame(String actual, String expected) {
        int at = 0;
        while (at < actual.length() && at < expected.length() && actual.charAt(at) == expected.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 60);
        assertThat(actual.substring(from, Math.min(actual.length(), at + 20)))
                .as("at character %d", at)
                .isEqualTo(expected.substring(from, Math.min(expected.length(), at + 20)));
        assertThat(actual).hasSameSizeAs(expected);
    }

    private static void write(FormatWriter writer, TableSchema schema, List<Object[]> rows) throws Exception {
        PublishedRow.Encoder encoder = new PublishedRow.Encoder(schema.fields());
        for (int r = 0; r < rows.size(); r++) {
            writer.write(encoder.encode(r + 1, rows.get(r)));
        }
    }
}
