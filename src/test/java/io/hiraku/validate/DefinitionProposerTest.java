package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

class DefinitionProposerTest {
    @TempDir
    Path dir;

    @Test
    void proposesADefinitionTheSameFileThenPasses() throws Exception {
        Path file = io.hiraku.Corpus.file("yaizu__焼津海の幸グルメマップ_サクラエビ.csv");
        String yaml = new DefinitionProposer().propose(file, "サクラエビ.csv").orElseThrow();

        Path catalog = dir.resolve("catalog");
        Files.createDirectories(catalog.resolve("datasets/yaizu"));
        Files.writeString(catalog.resolve("catalog.yaml"), "title: t\ndescription: d\npublisher: p\ndepartments:\n  - id: yaizu\n");
        Files.writeString(catalog.resolve("datasets/yaizu/sakuraebi.yaml"), yaml);
        DatasetDefinition proposed = new DefinitionLoader().load(catalog).dataset("sakuraebi").orElseThrow();

        assertThat(proposed.schema().fields()).hasSize(20);
        assertThat(proposed.schema().fields()).extracting(Field::title).startsWith("ID", "NO", "店名");
        assertThat(proposed.schema().fields().get(0).type()).isEqualTo(FieldType.INTEGER);
        assertThat(proposed.schema().fields().get(2).type()).isEqualTo(FieldType.STRING);
        assertThat(proposed.schema().fields().get(18).type()).isEqualTo(FieldType.NUMBER); // 経度
        assertThat(proposed.schema().fields().get(2).name()).isEqualTo("column3");
        assertThat(proposed.source().files()).containsExactly("サクラエビ.csv");
        assertThat(new TableValidator().validate(file, proposed, RowSink.DISCARD).getErrors()).isEmpty();
    }

    static Stream<String> corpusFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/corpus"))) {
            return files.map(p -> p.getFileName().toString().replaceAll("\\.gz$", ""))
                    .filter(n -> !n.equals("MANIFEST.tsv") && !n.endsWith(".md"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpusFiles")
    void everyCorpusFileGetsAProposalThatPublishesItWhenDroppedBack(String name) throws Exception {
        Path file = io.hiraku.Corpus.file(name);
        String yaml = new DefinitionProposer().propose(file, name).orElseThrow();
        Path catalog = dir.resolve("catalog");
        Files.writeString(io.hiraku.Fixtures.cityCatalog(catalog).resolve("proposed.yaml"), yaml);
        DatasetDefinition proposed = new DefinitionLoader().load(catalog).forDrop("city", name).orElseThrow();
        ValidationReport report = new TableValidator().validate(file, proposed, RowSink.DISCARD);
        assertThat(report.getErrors()).as(yaml).isEmpty();
        assertThat(report.getRows()).isPositive();
    }

    @Test
    void typesFollowWhatAPersonWouldDeclare() throws Exception {
        Path file = Files.writeString(dir.resolve("postal.csv"), "郵便番号,件数,開設日,金額,有無\n"
                + "0600000,12,令和2年4月1日,\"1,234\",有\n0640941,３,平成31年4月30日,\"56,789.5\",無\n");
        String yaml = new DefinitionProposer().propose(file, "postal.csv").orElseThrow();
        assertThat(yaml).containsSubsequence("title: 郵便番号", "type: string", "title: 件数", "type: integer",
                "title: 開設日", "type: date", "title: 金額", "type: number", "title: 有無", "type: boolean");
    }

    @Test
    void aColumnOfLatitudeLongitudePairsIsProposedAsAGeopointLatitudeFirstAndTheTablePublishesAsPlaces() throws Exception {
        Path file = Files.writeString(dir.resolve("aed.csv"), "名称,緯度経度,件数\n"
                + "市役所,\"34.34092056,134.04522972\",\"1,200\"\n駅,\"３４.３５２１５８３３, １３４.０４８１３４４４\",\"2,000\"\n");
        String yaml = new DefinitionProposer().propose(file, "aed.csv").orElseThrow();
        assertThat(yaml).containsSubsequence("title: 緯度経度", "type: geopoint", "coordinateOrder: lat-lon",
                "title: 件数", "type: integer");
        Path catalog = dir.resolve("catalog");
        Files.writeString(io.hiraku.Fixtures.cityCatalog(catalog).resolve("aed.yaml"), yaml);
        DatasetDefinition proposed = new DefinitionLoader().load(catalog).dataset("aed").orElseThrow();
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        assertThat(new TableValidator().validate(file, proposed, (n, values) -> rows.add(values.clone())).getErrors()).isEmpty();
        assertThat(rows.get(1)[1]).isEqualTo(new io.hiraku.normalize.GeoPoint(new java.math.BigDecimal("134.04813444"),
                new java.math.BigDecimal("34.35215833")));
    }

    @Test
    void unitsGoToTheSchemaAndNumbersWithUnitsAreNotBare() throws Exception {
        Path file = Files.writeString(dir.resolve("budget.csv"),
                "事業,予算額（千円）,参加者,階\n清掃,\"1,200\",約30人,3F\n防災,350,12人,1F\n");
        String yaml = new DefinitionProposer().propose(file, "budget.csv").orElseThrow();
        assertThat(yaml).containsSubsequence("title: 予算額（千円）", "type: integer", "unit: 千円",
                "title: 参加者", "type: integer", "bareNumber: false", "title: 階", "type: string");
    }

    @Test
    void statisticalMarkersInNumberColumnsAreProposedAsLabelledMissingValues() throws Exception {
        Path file = Files.writeString(dir.resolve("stats.csv"), "地区,世帯数,所得\n中央,120,350\n東,-,x\n西,80,…\n");
        String yaml = new DefinitionProposer().propose(file, "stats.csv").orElseThrow();
        assertThat(yaml).containsSubsequence("title: 世帯数", "type: integer", "missingValues", "value: '-'",
                "label: 該当なし", "title: 所得", "type: integer", "label: 秘匿");
        Path catalog = dir.resolve("catalog");
        Files.writeString(io.hiraku.Fixtures.cityCatalog(catalog).resolve("stats.yaml"), yaml);
        DatasetDefinition proposed = new DefinitionLoader().load(catalog).dataset("stats").orElseThrow();
        assertThat(new TableValidator().validate(file, proposed, RowSink.DISCARD).getErrors()).isEmpty();
    }

    @Test
    void suggestsAnAsciiIdFromTheFileName() {
        assertThat(DefinitionProposer.suggestId("222127_Public Toilet.CSV")).isEqualTo("222127-public-toilet");
        assertThat(DefinitionProposer.suggestId("公衆トイレ.csv")).isEqualTo("new-dataset");
    }
}
