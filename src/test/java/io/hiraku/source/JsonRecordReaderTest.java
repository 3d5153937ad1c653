package io.hiraku.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hiraku.schema.SourceHints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void geoJsonWithBomBecomesATableWithGeometryColumns() throws Exception {
        Path file = CharsetDetectorTest.corpus("wakayama__list-of-public-facilities.geojson");
        DetectedCharset charset = new CharsetDetector().detect(file, "auto");
        assertThat(charset.bomLength()).isEqualTo(3);
        try (Table table = Sources.open(file, charset, SourceHints.DEFAULT)) {
            List<String> header = table.header().orElseThrow();
            assertThat(header).startsWith("名称", "住所").endsWith("カテゴリー", "geometry", "latitude", "longitude");
            List<RawRow> rows = read(table);
            assertThat(rows).hasSize(1758);
            String[] first = rows.get(0).cells();
            assertThat(first[header.indexOf("名称")]).isEqualTo("会津川河川公園");
            assertThat(first[header.indexOf("latitude")]).isEqualTo("33.735894648259588");
            assertThat(first[header.indexOf("longitude")]).isEqualTo("135.37493290656204");
            assertThat(first[header.indexOf("geometry")]).startsWith("{\"type\":\"Point\"");
            assertThat(table.skipped().total()).isZero();
        }
    }

    @Test
    void arrayOfRecordsAndNdjsonGiveTheSameTable() throws Exception {
        String array = "[{\"id\": 1, \"name\": \"中央\", \"open\": true, \"tags\": [\"a\"]},\n"
                + " {\"id\": 2, \"name\": null, \"open\": false, \"tags\": []}]";
        String ndjson = "{\"id\": 1, \"name\": \"中央\", \"open\": true, \"tags\": [\"a\"]}\n"
                + "{\"id\": 2, \"name\": null, \"open\": false, \"tags\": []}\n";
        for (Path file : List.of(write("a.json", array), write("b.ndjson", ndjson))) {
            try (Table table = open(file)) {
                assertThat(table.header()).hasValue(List.of("id", "name", "open", "tags"));
                List<RawRow> rows = read(table);
                assertThat(rows).extracting(RawRow::line).containsExactly(1L, 2L);
                assertThat(rows.get(0).cells()).containsExactly("1", "中央", "true", "[\"a\"]");
                assertThat(rows.get(1).cells()).containsExactly("2", "", "false", "[]");
            }
        }
    }

    @Test
    void aRecordWithAnUnexpectedKeyOrBrokenJsonIsLocated() throws Exception {
        Path extra = write("c.json", "[{\"id\": 1},\n{\"id\": 2, \"x\": 3}]");
        try (Table table = open(extra)) {
            assertThatThrownBy(() -> read(table)).isInstanceOfSatisfying(MalformedTableException.class,
                    e -> assertThat(e.getMessage()).contains("record 2", "'x'"));
        }
        Path broken = write("d.json", "[{\"id\": 1},\n{\"id\": 2,,}]");
        try (Table table = open(broken)) {
            assertThatThrownBy(() -> read(table)).isInstanceOfSatisfying(MalformedTableException.class,
                    e -> assertThat(e.line()).isEqualTo(2));
        }
    }

    @Test
    void jsonBrokenInItsFirstRecordOrAGeoJsonBrokenHeadIsLocatedTooNotAnOperationalError() throws Exception {
        Path object = write("e.json", "{\"a\": [1, 2,\n  \"b\": }");
        assertThatThrownBy(() -> open(object)).isInstanceOfSatisfying(MalformedTableException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("the JSON is not valid at line 2, column 6", "was expecting comma")
                    .doesNotContain("Source:");
        });
        Path geo = write("f.geojson", "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\",, }]}");
        assertThatThrownBy(() -> read(open(geo))).isInstanceOfSatisfying(MalformedTableException.class,
                e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aGeoJsonFeatureCollectionStreamsWhateverTheOrderOfItsKeysAndARecordKeepsAFeaturesField() throws Exception {
        String feature = "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [135.1, 34.2]}, "
                + "\"properties\": {\"名称\": \"中央公園\"}}";
        for (Path geo : List.of(write("g1.geojson", "{\"type\": \"FeatureCollection\", \"name\": \"parks\", \"features\": ["
                        + feature + "]}"),
                write("g2.geojson", "{\"features\": [" + feature + "], \"type\": \"FeatureCollection\"}"))) {
            try (Table table = open(geo)) {
                assertThat(table.header().orElseThrow()).startsWith("名称").contains("latitude", "longitude");
                assertThat(read(table)).hasSize(1);
            }
        }
        Path records = write("h.ndjson", "{\"id\": 1, \"features\": [\"ramp\", \"toilet\"]}\n{\"id\": 2, \"features\": []}\n");
        try (Table table = open(records)) {
            assertThat(table.header()).hasValue(List.of("id", "features"));
            assertThat(read(table)).extracting(r -> r.cells()[1]).containsExactly("[\"ramp\",\"toilet\"]", "[]");
        }
    }

    /** A 40 MB FeatureCollection read to its end by a JVM with a 32 MB heap: the features stream, none is held. */
    @Test
    void aLargeGeoJsonIsReadInBoundedMemory() throws Exception {
        Path geo = dir.resolve("large.geojson");
        try (java.io.Writer out = Files.newBufferedWriter(geo, StandardCharsets.UTF_8)) {
            out.write("{\"type\": \"FeatureCollection\", \"features\": [\n");
            for (int i = 0; i < 150_000; i++) {
                out.write((i == 0 ? "" : ",\n") + "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": ["
                        + (135 + i % 1000 / 1000.0) + ", 34.5]}, \"properties\": {\"id\": " + i + ", \"名称\": \"施設" + i
                        + "\", \"住所\": \"和歌山県和歌山市" + i % 97 + "番地\", \"備考\": \"" + "x".repeat(120) + "\"}}");
            }
            out.write("\n]}\n");
        }
        assertThat(Files.size(geo)).isGreaterThan(35L * 1024 * 1024);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                ReadTable.class.getName(), geo.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("rows 150000").doesNotContain("OutOfMemoryError");
    }

    private Table open(Path file) throws Exception {
        return Sources.open(file, new CharsetDetector().detect(file, "auto"), SourceHints.DEFAULT);
    }

    private static List<RawRow> read(Table table) {
        List<RawRow> rows = new ArrayList<>();
        table.forEach(rows::add);
        return rows;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
