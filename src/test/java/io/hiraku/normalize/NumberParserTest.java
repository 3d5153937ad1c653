package io.hiraku.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "1234|1234", "'1,234'|1234", "'１，２３４'|1234", "１２３|123", "' 42 '|42", "'42　'|42",
            "△1,200|-1200", "▲5|-5", "-7|-7", "+8|8", "'12,345,678'|12345678", "0|0"})
    void readsIntegersAsDepartmentsWriteThem(String raw, long expected) throws InvalidValueException {
        assertThat(NumberParser.parseInteger(raw, new NormalizationCounts())).isEqualTo(expected);
    }

    @Test
    void keepsIntegersBeyondLongExact() throws InvalidValueException {
        assertThat(NumberParser.parseInteger("123456789012345678901234567890", new NormalizationCounts()))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {"1.5|1.5", "'1,234.56'|1234.56", "△0.5|-0.5", "３．１４|3.14", "-0.001|-0.001"})
    void readsDecimals(String raw, String expected) throws InvalidValueException {
        assertThat(NumberParser.parseNumber(raw, new NormalizationCounts())).isEqualByComparingTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2", "12,34,567", "1,2345", ",123", "abc", "1.5", "1 234", "", "-", "１２x"})
    void refusesWhatIsNotAnInteger(String raw) {
        assertThatThrownBy(() -> NumberParser.parseInteger(raw, new NormalizationCounts()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1e", "1,23.4", "1.", "x"})
    void refusesWhatIsNotANumber(String raw) {
        assertThatThrownBy(() -> NumberParser.parseNumber(raw, new NormalizationCounts()))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void countsEachNormalization() throws InvalidValueException {
        NormalizationCounts counts = new NormalizationCounts();
        NumberParser.parseInteger("１，２３４", counts);
        NumberParser.parseInteger("△1,200", counts);
        NumberParser.parseInteger("7", counts);
        assertThat(counts.asMap()).containsEntry(Normalization.FULL_WIDTH, 1L)
                .containsEntry(Normalization.THOUSANDS_SEPARATOR, 2L)
                .containsEntry(Normalization.TRIANGLE_NEGATIVE, 1L);
    }
}
