package io.hiraku.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken definition is refused when loaded, with the file, the field and the problem named. */
class DefinitionLoaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void catalog() throws Exception {
        io.hiraku.Fixtures.cityCatalog(dir);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a string format the Table Schema does not have | {name: zip, type: string, format: postal} | field 'zip'",
            "missing values mixing strings and labelled ones | {name: n, type: integer, missingValues: ['-', {value: x, label: 秘匿}]} | field 'n'",
            "an unknown type | {name: n, type: money} | unknown field type 'money'",
            "a pattern that does not compile | {name: n, type: string, constraints: {pattern: '[0-9'}} | pattern is not a valid regular expression",
            "a field name with a slash | {name: a/b, type: string} | field name 'a/b'",
            "a bound that is not of the field's type | {name: d, type: date, constraints: {minimum: someday}} | ''",
    })
    void refusesWithTheFieldAndTheProblem(String why, String field, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve("datasets/city/broken.yaml"),
                "title: 壊れた定義\nschema:\n  fields:\n    - " + field + "\n");
        if (expected.isEmpty()) {
            // accepted by the loader, which does not know the types' readers; SchemaCheck refuses it when
            // the pipeline loads the catalog (SchemaCheckTest), and a validation says so (TableValidatorTest)
            assertThat(new DefinitionLoader().load(dir).dataset("broken")).isPresent();
            return;
        }
        assertThatThrownBy(() -> new DefinitionLoader().load(dir).requireValid()).as(why)
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining(expected);
    }

    @Test
    void refusesKeysAndThemesThatPointNowhere() throws Exception {
        Files.writeString(dir.resolve("datasets/city/keys.yaml"),
                "title: t\nschema:\n  primaryKey: [code]\n  fields:\n    - {name: id, type: integer}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir).requireValid()).hasMessageContaining("primaryKey names 'code'");
        Files.writeString(dir.resolve("datasets/city/keys.yaml"),
                "title: t\nthemes: [PARK]\nschema:\n  fields:\n    - {name: id, type: integer}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir).requireValid()).hasMessageContaining("theme 'PARK'");
        Files.writeString(dir.resolve("datasets/city/keys.yaml"),
                "title: t\nspatial: 高松市\nschema:\n  fields:\n    - {name: id, type: integer}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir).requireValid()).hasMessageContaining("spatial '高松市'")
                .hasMessageContaining("全国地方公共団体コード");
    }

    @Test
    void theCatalogsTimeZoneIsTokyoUnlessItSaysAnotherAndOneThatIsNoZoneIsRefused() throws Exception {
        assertThat(new DefinitionLoader().load(dir).catalog().zone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        Files.writeString(dir.resolve("catalog.yaml"), "timeZone: Europe/Brussels\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new DefinitionLoader().load(dir).catalog().zone()).isEqualTo(java.time.ZoneId.of("Europe/Brussels"));
        io.hiraku.Fixtures.cityCatalog(dir);
        Files.writeString(dir.resolve("catalog.yaml"), "timeZone: JST+9\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> new DefinitionLoader().load(dir)).hasMessageContaining("timeZone 'JST+9' is not a time zone");
    }

    @Test
    void theMapIsGsisUnlessTheCatalogSaysOtherTilesOrNoneAndTilesWithoutTheirAttributionAreRefused() throws Exception {
        assertThat(new DefinitionLoader().load(dir).catalog().map()).isEqualTo(MapTiles.GSI);
        String catalog = Files.readString(dir.resolve("catalog.yaml"));
        Files.writeString(dir.resolve("catalog.yaml"), catalog + "map: {tiles: \"https://tile.openstreetmap.org/{z}/{x}/{y}.png\", "
                + "attribution: © OpenStreetMap contributors, attributionUrl: \"https://www.openstreetmap.org/copyright\"}\n");
        assertThat(new DefinitionLoader().load(dir).catalog().map().attribution()).isEqualTo("© OpenStreetMap contributors");
        Files.writeString(dir.resolve("catalog.yaml"), catalog + "map: {tiles: \"\"}\n");
        assertThat(new DefinitionLoader().load(dir).catalog().map().shown()).isFalse();
        Files.writeString(dir.resolve("catalog.yaml"), catalog + "map: {tiles: \"https://tiles.example/{z}/{x}/{y}.png\"}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir)).hasMessageContaining("map.attribution is missing");
        Files.writeString(dir.resolve("catalog.yaml"), catalog + "map: {tiles: \"tiles.example/{z}/{x}.png\", attribution: x}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir)).hasMessageContaining("is not a tile URL template");
    }

    @Test
    void refusesADatasetOfAnUnknownDepartmentOrABadId() throws Exception {
        Files.createDirectories(dir.resolve("datasets/other"));
        Files.writeString(dir.resolve("datasets/other/x.yaml"), "title: t\nschema:\n  fields:\n    - {name: id}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir).requireValid()).hasMessageContaining("department 'other'");
        Files.delete(dir.resolve("datasets/other/x.yaml"));
        Files.writeString(dir.resolve("datasets/city/Bad_Id.yaml"), "title: t\nschema:\n  fields:\n    - {name: id}\n");
        assertThatThrownBy(() -> new DefinitionLoader().load(dir).requireValid()).hasMessageContaining("dataset id 'bad_id'");
    }

    @Test
    void aTemplateGivesTheStandardFieldsAndOwnFieldsReplaceThem() throws Exception {
        Files.writeString(dir.resolve("datasets/city/aed.yaml"), """
                title: AED
                template: aed
                schema:
                  primaryKey: [NO]
                  fields:
                    - {name: NO, title: NO, type: integer}
                    - {name: 設置者, type: string}
                """);
        TableSchema schema = new DefinitionLoader().load(dir).dataset("aed").orElseThrow().schema();
        assertThat(schema.fields()).hasSize(23);
        assertThat(schema.fields().get(0).name()).isEqualTo("都道府県コード又は市区町村コード");
        assertThat(schema.fields().get(1).type()).isEqualTo(FieldType.INTEGER);
        assertThat(schema.fields().get(4).constraints().isRequired()).isTrue();   // 名称 is required by the standard
        assertThat(schema.fields().get(22).name()).isEqualTo("設置者");
        assertThat(schema.primaryKey()).containsExactly("NO");
    }
}
