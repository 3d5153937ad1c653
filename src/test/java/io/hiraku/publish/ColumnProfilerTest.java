package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.Missing;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnProfilerTest {
    @TempDir
    Path dir;

    private TableSchema schema() throws Exception {
        Files.writeString(io.hiraku.Fixtures.cityCatalog(dir.resolve("catalog")).resolve("shops.yaml"), """
                title: 店舗
                schema:
                  missingValues: ["", "秘匿", "-"]
                  fields:
                    - {name: id, type: integer}
                    - {name: ward, type: string}
                    - {name: opened, type: date}
                    - {name: area, type: number}
                    - {name: open, type: boolean}
                """);
        return new DefinitionLoader().load(dir.resolve("catalog")).dataset("shops").orElseThrow().schema();
    }

    @Test
    void countsMissingDistinctRangeAndTopValuesPerColumnAndKeepsTheFirstRows() throws Exception {
        ColumnProfiler profiler = new ColumnProfiler(schema());
        String[] wards = {"北区", "北区", "南区", "北区", "東区", "南区", "北区", "西区", "中区", "北区", "南区", "東区"};
        for (int i = 0; i < wards.length; i++) {
            Object area = i == 3 ? new Missing("秘匿") : i == 4 ? null : new BigDecimal("1" + i + ".5");
            profiler.accept(i + 1, new Object[] {(long) (100 - i), wards[i], LocalDate.of(2020, 1, 1).plusDays(i * 40L),
                    area, i % 3 == 0});
        }
        JsonNode profile = new ObjectMapper().readTree(profiler.finish(dir).path().toFile());

        assertThat(profile.path("rows").asLong()).isEqualTo(12);
        assertThat(profile.path("preview")).hasSize(10);
        assertThat(profile.path("preview").get(0).toString())
                .isEqualTo("[\"100\",\"北区\",\"2020-01-01\",\"10.5\",\"true\"]");
        assertThat(profile.path("preview").get(3).get(3).asText()).as("a marker is shown as the department wrote it")
                .isEqualTo("秘匿");

        JsonNode id = profile.path("columns").get(0);
        assertThat(id.path("min").asText()).isEqualTo("89");
        assertThat(id.path("max").asText()).as("numbers compare as numbers, not text").isEqualTo("100");
        assertThat(id.path("distinct").asLong()).isEqualTo(12);

        JsonNode ward = profile.path("columns").get(1);
        assertThat(ward.path("count").asLong()).isEqualTo(12);
        assertThat(ward.path("distinct").asLong()).isEqualTo(5);
        assertThat(ward.has("min")).as("text has no range").isFalse();
        assertThat(ward.path("top").toString())
                .isEqualTo("[{\"value\":\"北区\",\"count\":5},{\"value\":\"南区\",\"count\":3},{\"value\":\"東区\",\"count\":2},"
                        + "{\"value\":\"中区\",\"count\":1},{\"value\":\"西区\",\"count\":1}]");

        JsonNode opened = profile.path("columns").get(2);
        assertThat(opened.path("min").asText()).isEqualTo("2020-01-01");
        assertThat(opened.path("max").asText()).isEqualTo("2021-03-16");

        JsonNode area = profile.path("columns").get(3);
        assertThat(area.path("count").asLong()).isEqualTo(10);
        assertThat(area.path("missing").asLong()).isEqualTo(2);
        assertThat(area.path("missingMarkers").toString()).isEqualTo("{\"秘匿\":1}");
        assertThat(area.path("min").asText()).isEqualTo("10.5");
        assertThat(area.path("max").asText()).isEqualTo("111.5");

        JsonNode open = profile.path("columns").get(4);
        assertThat(open.path("top").toString())
                .isEqualTo("[{\"value\":\"false\",\"count\":8},{\"value\":\"true\",\"count\":4}]");
    }

    @Test
    void aColumnOfManyDistinctValuesStaysBoundedAndSaysItsCountIsALowerBound() throws Exception {
        ColumnProfiler profiler = new ColumnProfiler(schema());
        int rows = ColumnProfiler.TRACKED_VALUES + 1_000;
        for (int i = 0; i < rows; i++) {
            profiler.accept(i + 1, new Object[] {(long) i, "name " + i, null, BigDecimal.ONE, true});
        }
        JsonNode ward = new ObjectMapper().readTree(profiler.finish(dir).path().toFile()).path("columns").get(1);
        assertThat(ward.path("count").asLong()).isEqualTo(rows);
        assertThat(ward.path("distinct").asLong()).isEqualTo(ColumnProfiler.TRACKED_VALUES);
        assertThat(ward.path("distinctIsLowerBound").asBoolean()).isTrue();
        assertThat(ward.path("top")).as("no value is more frequent than another").isEmpty();
    }
}
