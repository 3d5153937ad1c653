package io.hiraku.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemporalTest {
    @TempDir
    Path dir;

    private Definitions load(String temporal) throws Exception {
        Files.writeString(io.hiraku.Fixtures.cityCatalog(dir).resolve("budget.yaml"),
                "title: 予算\ntemporal: " + temporal + "\nschema:\n  fields:\n    - {name: amount, type: integer}\n");
        return new DefinitionLoader().load(dir).requireValid();
    }

    @Test
    void aPeriodLoadsAndReadsAsAnIsoInterval() throws Exception {
        assertThat(load("{start: '2024-04-01', end: '2025-03-31'}").dataset("budget").orElseThrow().temporal().interval())
                .isEqualTo("2024-04-01/2025-03-31");
        assertThat(load("{start: '2023-02-16'}").dataset("budget").orElseThrow().temporal().interval())
                .isEqualTo("2023-02-16/..");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{start: '令和6年4月1日'} | temporal start '令和6年4月1日' is not an ISO date",
            "{start: '2025-04-01', end: '2024-03-31'} | temporal ends (2024-03-31) before it starts (2025-04-01)",
            "{} | temporal needs a start, an end or both"
    })
    void aWrongPeriodIsRefusedNamingTheFile(String temporal, String problem) {
        assertThatThrownBy(() -> load(temporal)).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("budget.yaml").hasMessageContaining(problem);
    }
}
