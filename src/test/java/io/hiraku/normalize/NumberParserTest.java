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

    /** The fast reading of plain decimals gives BigDecimal's own value and scale, and leaves it the rest. */
    @Test
    void readsPlainDecimalsAsBigDecimalDoes() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "0123456789.-+e";
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(22); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 10)));
            }
            String t = text.toString();
            BigDecimal expected;
            try {
                expected = new BigDecimal(t);
            } catch (NumberFormatException e) {
                expected = null;
            }
            BigDecimal fast = NumberParser.simpleDecimal(t);
            if (fast != null) {
                assertThat(fast).as("'%s'", t).isEqualTo(expected); // equals: the same value and scale
            }
        }
        assertThat(NumberParser.simpleDecimal("35.6812360")).isEqualTo(new BigDecimal("35.6812360"));
        assertThat(NumberParser.simpleDecimal("-.5")).isEqualTo(new BigDecimal("-.5"));
        assertThat(NumberParser.simpleDecimal("1234567890123456789")).isNull(); // 19 digits: BigDecimal's parser
        assertThat(NumberParser.simpleDecimal("1e5")).isNull();
    }
}
