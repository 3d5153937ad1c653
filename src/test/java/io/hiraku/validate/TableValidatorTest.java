package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.source.SkippedRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableValidatorTest {
    @TempDir
    Path dir;

    private DatasetDefinition facilities;
    private final List<Object[]> rows = new ArrayList<>();
    private final RowSink collect = (n, values) -> rows.add(values.clone());

    @BeforeEach
    void defineDataset() throws IOException {
        facilities = define("city", "facilities", """
                title: 施設
                schema:
                  primaryKey: id
                  fields:
                    - {name: id, title: ID, type: integer, constraints: {required: true}}
                    - {name: name, title: 名称, type: string, constraints: {required: true}}
                    - {name: opened, title: 開設日, type: date}
                    - {name: capacity, title: 定員, type: integer, constraints: {minimum: "0"}}
                    - {name: barrierFree, title: バリアフリー, type: boolean, trueValues: [有], falseValues: [無]}
                """);
    }

    @Test
    void typesAndNormalizesEveryCell() throws IOException {
        Path file = csv("#license,CC BY 4.0\n#attribution_name,テスト市\nID,名称,開設日,定員,バリアフリー\n"
                + "１,\"中央\n公民館\",令和元年5月1日,\"1,200\",有\n"
                + ",,,,\n"
                + "2,東図書館 ,H31.4.30,△0,無\n");
        ValidationReport report = new TableValidator().validate(file, facilities, collect);
        assertThat(report.getErrors()).isEmpty();
        assertThat(report.getRows()).isEqualTo(2);
        assertThat(report.getSkippedRows()).extracting(e -> e.reason().name(), SkippedRows.Entry::lines)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("BLANK", "6"));
        assertThat(report.getHeaderLine()).isEqualTo(3);
        assertThat(report.getMetadataRows()).containsEntry("license", List.of("CC BY 4.0"));
        assertThat(rows.get(0)).containsExactly(1L, "中央\n公民館", LocalDate.of(2019, 5, 1), 1200L, true);
        assertThat(rows.get(1)).containsExactly(2L, "東図書館", LocalDate.of(2019, 4, 30), 0L, false);
    }

    @Test
    void locatesEveryProblemByLineRowColumnAndValue() throws IOException {
        Path file = csv("ID,名称,開設日,定員,バリアフリー\n"
                + "1,\"本庁舎\n（別館）\",2020-01-01,10,有\n"   // lines 2-3
                + "2,,2020-02-30,-5,たぶん\n"                    // line 4: four problems
                + "1,重複,2020-01-01,1,無\n"                     // line 5: duplicate key
                + "3,列が多い,2020-01-01,1,無,余分\n");          // line 6: ragged
        ValidationReport report = new TableValidator().validate(file, facilities, collect);
        assertThat(report.valid()).isFalse();
        assertThat(report.getErrors()).extracting(Issue::line, Issue::rowNumber, Issue::fieldName, Issue::cell, Issue::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4L, 2L, "name", "", "constraint-required"),
                        org.assertj.core.groups.Tuple.tuple(4L, 2L, "opened", "2020-02-30", "date-invalid"),
                        org.assertj.core.groups.Tuple.tuple(4L, 2L, "capacity", "-5", "constraint-minimum"),
                        org.assertj.core.groups.Tuple.tuple(4L, 2L, "barrierFree", "たぶん", "type-boolean"),
                        org.assertj.core.groups.Tuple.tuple(5L, 3L, "id", "1", "primary-key"),
                        org.assertj.core.groups.Tuple.tuple(6L, 4L, null, null, "extra-cell"));
        Issue missingName = report.getErrors().get(0);
        assertThat(missingName.column()).isEqualTo("名称");
        assertThat(missingName.columnNumber()).isEqualTo(2);
        assertThat(missingName.messageJa()).contains("名称");
        assertThat(rows).hasSize(1);
    }

    @Test
    void brokenQuotingIsReportedWithItsLineNotSilentlyMerged() throws IOException {
        Path file = csv("ID,名称,開設日,定員,バリアフリー\n1,\"閉じない引用符,2020-01-01,1,有\n2,次の行,2020-01-01,1,無\n");
        ValidationReport report = new TableValidator().validate(file, facilities, collect);
        assertThat(report.valid()).isFalse();
        assertThat(report.getErrors()).first().satisfies(issue -> {
            assertThat(issue.line()).isEqualTo(2L);
            assertThat(issue.messageEn()).contains("line 2");
        });
    }

    @Test
    void headerColumnsAreMatchedByTitleOrNameAndCheckedBothWays() throws IOException {
        Path file = csv("id,名称,開設日,バリアフリー,備考\n1,a,2020-01-01,有,x\n");
        ValidationReport report = new TableValidator().validate(file, facilities, collect);
        assertThat(report.getErrors()).extracting(Issue::type, Issue::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("extra-label", "備考"),
                        org.assertj.core.groups.Tuple.tuple("missing-label", "定員"));
    }

    @Test
    void aRowOfAnotherWidthSaysWhatItsWidthIsCountedAgainst() throws IOException {
        Path file = csv("#license,CC BY 4.0\nID,名称,開設日,定員,バリアフリー\n1,中央\n");
        assertThat(new TableValidator().validate(file, facilities, collect).getErrors()).singleElement()
                .satisfies(issue -> assertThat(issue.messageEn()).startsWith("line 3 has 2 cells but the header (line 2) has 5;"));
        // a file read without a header row (the definition says headerRow: 0): counted against the definition
        DatasetDefinition noHeader = define("city", "counts", """
                title: 件数
                source:
                  headerRow: 0
                schema:
                  fields:
                    - {name: id, type: integer}
                    - {name: count, type: integer}
                    - {name: note, type: string}
                """);
        assertThat(new TableValidator().validate(csv("1,2,x\n3,4\n"), noHeader, collect).getErrors()).singleElement()
                .satisfies(issue -> {
                    assertThat(issue.messageEn()).startsWith("line 2 has 2 cells but the dataset definition has 3 "
                            + "fields (this file is read without a header row);");
                    assertThat(issue.messageJa()).contains("データセット定義の項目は 3 個");
                });
    }

    @Test
    void anUnknownHeadingWhereOneFieldIsMissingIsOneProblemWithItsLikelyFix() throws IOException {
        Path file = csv("id,名称,開設日,収容人数,バリアフリー\n1,a,2020-01-01,30,有\n");
        ValidationReport report = new TableValidator().validate(file, facilities, collect);
        assertThat(report.getErrors()).singleElement().satisfies(issue -> {
            assertThat(issue.type()).isEqualTo("renamed-label");
            assertThat(issue.columnNumber()).isEqualTo(4);
            assertThat(issue.column()).isEqualTo("収容人数");
            assertThat(issue.messageJa()).contains("4列目の見出し「収容人数」", "「定員」に戻して");
            assertThat(issue.messageEn()).contains("column 4 is headed '収容人数'", "put the header back to '定員'");
        });
        // two unknown headings where two fields are missing: which is which is a guess, so each is said as it is
        Path two = csv("id,名称,開設,収容人数,バリアフリー\n1,a,2020-01-01,30,有\n");
        assertThat(new TableValidator().validate(two, facilities, collect).getErrors()).extracting(Issue::type)
                .containsExactly("extra-label", "extra-label", "missing-label", "missing-label");
    }

    @Test
    void undecodableFileIsOneClearProblem() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.write(file, new byte[] {'I', 'D', '\n', 0, 1, 2});
        ValidationReport report = new TableValidator().validate(file, facilities, collect);
        assertThat(report.getErrors()).singleElement().satisfies(issue -> {
            assertThat(issue.type()).isEqualTo("encoding-error");
            assertThat(issue.line()).isEqualTo(2L);
        });
    }

    @Test
    void aBoundThatIsNotOfTheFieldsTypeIsADefinitionErrorNotACrash() throws IOException {
        DatasetDefinition dates = define("city", "dates",
                "title: t\nschema:\n  fields:\n    - {name: d, type: date, constraints: {minimum: someday}}\n");
        ValidationReport report = new TableValidator().validate(csv("d\n2024-01-01\n"), dates, collect);
        assertThat(report.getErrors()).singleElement().satisfies(issue -> {
            assertThat(issue.type()).isEqualTo("definition-error");
            assertThat(issue.messageEn()).contains("minimum 'someday'");
        });
    }

    @Test
    void municipalityCodesAndNamesMustAgree() throws IOException {
        DatasetDefinition toilets = define("yaizu", "toilets", """
                title: 公衆トイレ
                template: public-toilet
                municipalityChecks:
                  - {code: 所在地_全国地方公共団体コード, prefecture: 所在地_都道府県, municipality: 所在地_市区町村}
                """);
        Path real = io.hiraku.Corpus.file("yaizu__222127_public_toilet.csv");
        assertThat(new TableValidator().validate(real, toilets, collect).getErrors()).isEmpty();

        List<String> lines = Files.readAllLines(real, StandardCharsets.UTF_8);
        lines.set(3, lines.get(3).replace(",焼津市,", ",藤枝市,"));
        Path edited = Files.write(dir.resolve("edited.csv"), lines, StandardCharsets.UTF_8);
        ValidationReport report = new TableValidator().validate(edited, toilets, RowSink.DISCARD);
        assertThat(report.getErrors()).singleElement().satisfies(issue -> {
            assertThat(issue.type()).isEqualTo("municipality-mismatch");
            assertThat(issue.line()).isEqualTo(4L);
            assertThat(issue.column()).isEqualTo("所在地_市区町村");
            assertThat(issue.messageJa()).contains("藤枝市", "222127", "焼津市");
        });
    }

    @Test
    void uniqueAndForeignKeysAreCheckedRowByRow() throws IOException {
        DatasetDefinition branches = define("city", "branches", """
                title: 支所
                schema:
                  uniqueKeys: [[area, name]]
                  foreignKeys:
                    - {fields: area, reference: {resource: areas, fields: code}}
                  fields:
                    - {name: area, type: string}
                    - {name: name, type: string}
                """);
        Path file = csv("area,name\nA01,本所\nA01,東\nA01,本所\nZ99,西\n,北\n");
        ReferenceLookup areas = (dataset, fields) -> dataset.equals("areas") && fields.equals(List.of("code"))
                ? java.util.Optional.of(java.util.Set.of("A01", "A02")) : java.util.Optional.empty();
        ValidationReport report = new TableValidator().validate(file, branches, collect, areas);
        assertThat(report.getErrors()).extracting(Issue::line, Issue::type, Issue::cell).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, "unique-key", "A01"),
                org.assertj.core.groups.Tuple.tuple(5L, "foreign-key", "Z99"));

        ValidationReport unpublished = new TableValidator().validate(file, branches, collect, ReferenceLookup.NONE);
        assertThat(unpublished.getErrors()).singleElement().satisfies(issue -> {
            assertThat(issue.type()).isEqualTo("foreign-key-reference");
            assertThat(issue.messageEn()).contains("'areas' is not published");
        });
    }

    @Test
    void latitudeAndLongitudeGivenTheWrongWayRoundAreOneProblemThatSaysSo() throws IOException {
        DatasetDefinition toilets = define("yaizu", "toilets", "title: 公衆トイレ\ntemplate: public-toilet\n");
        Path real = io.hiraku.Corpus.file("yaizu__222127_public_toilet.csv");
        List<List<String>> table = new ArrayList<>();
        try (var parser = org.apache.commons.csv.CSVParser.parse(real, StandardCharsets.UTF_8, org.apache.commons.csv.CSVFormat.RFC4180)) {
            parser.forEach(record -> table.add(new ArrayList<>(record.toList())));
        }
        int lat = table.get(0).indexOf("緯度");
        int lon = table.get(0).indexOf("経度");
        // data row 3 (line 4): the two swapped; data row 5 (line 6): a latitude no place has (the template sets no range)
        String latitude = table.get(3).get(lat);
        String longitude = table.get(3).get(lon);
        table.get(3).set(lat, longitude);
        table.get(3).set(lon, latitude);
        table.get(5).set(lat, "95.5");
        Path edited = dir.resolve("swapped.csv");
        try (var printer = new org.apache.commons.csv.CSVPrinter(Files.newBufferedWriter(edited, StandardCharsets.UTF_8),
                org.apache.commons.csv.CSVFormat.RFC4180)) {
            printer.printRecords(table);
        }
        ValidationReport report = new TableValidator().validate(edited, toilets, RowSink.DISCARD);
        assertThat(report.getErrors()).extracting(Issue::line, Issue::type, Issue::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, "latitude-longitude-swapped", "緯度"),
                org.assertj.core.groups.Tuple.tuple(6L, "geopoint-range", "緯度"));
        assertThat(report.getErrors().get(0).messageJa()).contains("入れ替わっている", longitude, latitude);
        assertThat(report.getErrors().get(0).messageEn()).contains("swapped", longitude, latitude);
    }

    @Test
    void swappedCoordinatesAreToldApartFromValuesOutsideTheDefinitionsRange() throws IOException {
        DatasetDefinition places = define("city", "places", """
                title: 施設の位置
                schema:
                  fields:
                    - {name: name, title: 名称, type: string}
                    - {name: lat, title: 緯度, type: number, constraints: {minimum: "20", maximum: "46"}}
                    - {name: lon, title: 経度, type: number, constraints: {minimum: "122", maximum: "154"}}
                """);
        Path file = csv("名称,緯度,経度\n市役所,34.8669,138.3235\n図書館,１３８．３２,34.87\n公民館,34.87,100.5\n");
        ValidationReport report = new TableValidator().validate(file, places, RowSink.DISCARD);
        assertThat(report.getErrors()).extracting(Issue::line, Issue::type, Issue::fieldName).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "latitude-longitude-swapped", "lat"),
                org.assertj.core.groups.Tuple.tuple(4L, "constraint-minimum", "lon"));
        assertThat(report.getErrors().get(0).messageJa()).contains("１３８．３２", "34.87");
    }

    /** A dataset defined by {@code yaml} in a catalog of its own with its department. */
    private DatasetDefinition define(String department, String id, String yaml) throws IOException {
        Path catalog = Files.createDirectories(dir.resolve("catalog-" + id).resolve("datasets").resolve(department))
                .getParent().getParent();
        Files.writeString(catalog.resolve("catalog.yaml"), "title: Test\ndescription: A test catalog\npublisher: Test City\n"
                + "departments:\n  - id: " + department + "\n");
        Files.writeString(catalog.resolve("datasets").resolve(department).resolve(id + ".yaml"), yaml);
        return new DefinitionLoader().load(catalog).dataset(id).orElseThrow();
    }

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("facilities.csv"), content, StandardCharsets.UTF_8);
    }

    /**
     * More keys than their memory holds: the keys go to disk and repeats are found after the last row, at
     * the same rows and lines as in memory; a dataset that publishes its valid rows is refused as a whole.
     */
    @Test
    void repeatsAreFoundTheSameWhenTheKeysGoToDisk() throws IOException {
        StringBuilder text = new StringBuilder("ID,名称,開設日,定員,バリアフリー\n");
        for (int i = 1; i <= 2_000; i++) {
            int id = i % 500 == 0 ? i - 250 : i; // rows 500, 1000, 1500, 2000 repeat rows 250, 750, 1250, 1750
            text.append(id).append(",\"施設\n").append(i).append("\",,,\n"); // a line break in each name
        }
        Path file = csv(text.toString());
        ValidationReport inMemory = new TableValidator().validate(file, facilities, RowSink.DISCARD);
        io.hiraku.source.Limits tiny = new io.hiraku.source.Limits(4_000_000, 2_000, 10L << 30, 1);
        ValidationReport onDisk = new TableValidator(tiny).validate(file, facilities, RowSink.DISCARD);
        assertThat(inMemory.getErrors()).extracting(Issue::type, Issue::rowNumber, Issue::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("primary-key", 500L, 1000L),
                org.assertj.core.groups.Tuple.tuple("primary-key", 1000L, 2000L),
                org.assertj.core.groups.Tuple.tuple("primary-key", 1500L, 3000L),
                org.assertj.core.groups.Tuple.tuple("primary-key", 2000L, 4000L));
        assertThat(onDisk.getErrors()).extracting(Issue::type, Issue::rowNumber, Issue::line)
                .containsExactlyInAnyOrderElementsOf(inMemory.getErrors().stream()
                        .map(i -> org.assertj.core.groups.Tuple.tuple(i.type(), i.rowNumber(), i.line())).toList());
        assertThat(onDisk.getErrors()).extracting(Issue::messageEn).anyMatch(m -> m.contains("repeats that of row 250"));
        assertThat(onDisk.getInvalidRows()).isEqualTo(4);

        Path definition = dir.resolve("catalog-facilities/datasets/city/facilities.yaml");
        Files.writeString(definition, Files.readString(definition).replace("title: 施設\n",
                "title: 施設\nerrorPolicy: {onError: publish-valid-rows, maxInvalidShare: 0.5}\n"));
        DatasetDefinition lenient = new DefinitionLoader().load(definition.getParent().getParent().getParent())
                .dataset("facilities").orElseThrow();
        assertThat(new TableValidator().validate(file, lenient, RowSink.DISCARD).getFileErrorCount()).isZero();
        ValidationReport refused = new TableValidator(tiny).validate(file, lenient, RowSink.DISCARD);
        assertThat(refused.getFileErrorCount()).isEqualTo(1);
        assertThat(refused.getErrorTypes()).containsKey("key-repeats-after-reading");
    }
}
