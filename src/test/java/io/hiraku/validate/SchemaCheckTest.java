package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hiraku.schema.DefinitionException;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCheckTest {
    @TempDir
    Path dir;

    private Definitions load(String field) throws Exception {
        Files.writeString(io.hiraku.Fixtures.cityCatalog(dir).resolve("budget.yaml"), "title: 予算\nschema:\n  fields:\n    - " + field + "\n");
        return SchemaCheck.check(new DefinitionLoader().load(dir)).requireValid();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{name: amount, type: integer, constraints: {minimum: abc}} | minimum 'abc' is not a valid integer",
            "{name: opened, type: date, constraints: {maximum: 2024-13-01}} | maximum '2024-13-01' is not a valid date",
            "{name: rate, type: number, constraints: {exclusiveMinimum: ten}} | exclusiveMinimum 'ten' is not a valid number",
            "{name: code, type: string, constraints: {pattern: '[0-9'}} | pattern is not a valid regular expression",
            "{name: year, type: string, normalize: fiscal-year} | normalize 'fiscal-year' is not one of nfkc, fiscal-year-range",
            "{name: year, type: integer, normalize: fiscal-year-range} | normalize and japaneseCode apply to string fields, not integer",
            "{name: tel, type: string, japaneseCode: phone} | japaneseCode 'phone' is not one of"
    })
    void aSchemaThatCannotBeAppliedIsRefusedWhenLoadedNamingTheFileAndTheField(String field, String problem) {
        assertThatThrownBy(() -> load(field)).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("budget.yaml")
                .hasMessageContaining("field '")
                .hasMessageContaining(problem);
    }

    @Test
    void boundsOfTheFieldsTypeAndKnownExtensionsLoad() throws Exception {
        assertThat(load("{name: year, type: string, normalize: fiscal-year-range, constraints: {pattern: '\\\\d{4}-04-01/\\\\d{4}-03-31'}}")
                .dataset("budget")).isPresent();
        assertThat(load("{name: amount, type: integer, constraints: {minimum: '0', maximum: '１０００'}}").dataset("budget")).isPresent();
    }
}
