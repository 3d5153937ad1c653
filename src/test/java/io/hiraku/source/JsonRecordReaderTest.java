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
