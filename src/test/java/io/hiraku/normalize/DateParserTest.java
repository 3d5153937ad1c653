package io.hiraku.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateParserTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "令和6年4月1日|2024-04-01",
            "令和元年5月1日|2019-05-01",
            "令和６年４月１日|2024-04-01",
            "R6.4.1|2024-04-01",
            "r6.4.1|2024-04-01",
            "R6/4/1|2024-04-01",
            "H31.4.30|2019-04-30",
            "H29.1.6|2017-01-06",
            "平成10年12月31日|1998-12-31",
            "平成１０年１月１日|1998-01-01",
            "平成元年1月8日|1989-01-08",
            "昭和64年1月7日|1989-01-07",
            "S39.10.10|1964-10-10",
            "2024-04-01|2024-04-01",
            "2024/4/1|2024-04-01",
            "2024.04.01|2024-04-01",
            "2024年4月1日|2024-04-01",
            "２０２４－０４－０１|2024-04-01",
            "' 2024-04-01 '|2024-04-01",
            "2024年04月01日|2024-04-01",
            "2024-4-1|2024-04-01",
            "2024/04/01|2024-04-01",
            "R06.04.01|2024-04-01",
            "R1.5.1|2019-05-01",
            "令和1年5月1日|2019-05-01",
            "平成31.4.30|2019-04-30",
            "H1.1.8|1989-01-08",
            "h31/4/30|2019-04-30",
            "S64.1.7|1989-01-07",
            "昭和元年12月25日|1926-12-25",
            "大正15年12月24日|1926-12-24",
            "大正元年7月30日|1912-07-30",
            "明治45年7月29日|1912-07-29",
            "T1.7.30|1912-07-30",
            "M45.7.29|1912-07-29",
            "令和6年2月29日|2024-02-29",
            "平成12年2月29日|2000-02-29",
            "令和 6年 4月 1日|2024-04-01",
            "令和６年１２月３１日|2024-12-31",
            "Ｒ６．４．１|2024-04-01",
            "2000-02-29|2000-02-29",
    })
    void readsJapaneseAndIsoDates(String raw, String iso) throws InvalidValueException {
        assertThat(DateParser.parse(raw, new NormalizationCounts())).isEqualTo(LocalDate.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"平成31年5月1日", "H31.5.1", "昭和64年1月8日", "令和元年4月30日", "平成0年1月1日",
            "H1.1.7", "S64.1.8", "昭和元年12月24日", "大正15年12月25日", "明治45年7月30日", "令和5年2月29日"})
    void refusesDatesOutsideTheirEra(String raw) {
        assertThatThrownBy(() -> DateParser.parse(raw, new NormalizationCounts()))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo("wareki-out-of-era");
                    assertThat(e.messageJa()).contains(raw);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "2024-02-30", "24-4-1", "2024年4/1", "2024-04", "令和", "R6.4.1.5", "9/1/2021",
            "20240401", "2023-02-29", "2024-13-01", "2024-00-10", "令和6年度", "R6", "X6.4.1"})
    void refusesWhatIsNotADate(String raw) {
        assertThatThrownBy(() -> DateParser.parse(raw, new NormalizationCounts()))
                .isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest(name = "{0} with %m/%d/%Y → {1}")
    @CsvSource(delimiter = '|', value = {"9/1/2021|2021-09-01", "12/31/2020|2020-12-31", "H29.4.1|2017-04-01"})
    void acceptsTheDefinitionsOwnPatternBesideTheJapaneseForms(String raw, String iso) throws InvalidValueException {
        assertThat(DateParser.parse(raw, new NormalizationCounts(), DatePattern.of("%m/%d/%Y")))
                .isEqualTo(LocalDate.parse(iso));
    }

    @org.junit.jupiter.api.Test
    void countsWhatItChanged() throws InvalidValueException {
        NormalizationCounts counts = new NormalizationCounts();
        DateParser.parse("令和６年４月１日", counts);
        DateParser.parse("2024/4/1", counts);
        DateParser.parse("2024-04-01", counts);
        assertThat(counts.asMap()).containsEntry(Normalization.WAREKI, 1L)
                .containsEntry(Normalization.FULL_WIDTH, 1L)
                .containsEntry(Normalization.DATE_FORMAT, 1L);
    }
}
