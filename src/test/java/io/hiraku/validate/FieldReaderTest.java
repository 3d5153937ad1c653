package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hiraku.normalize.InvalidValueException;
import io.hiraku.schema.Field;
import io.hiraku.schema.MissingValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every type, format and constraint of the Table Schema, table-driven: the field as a definition
 * writes it, the cell, and the published text of the value or the error type.
 */
class FieldReaderTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0} | {1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // string and its formats
            "type: string | ` 中央公民館　` | 中央公民館",
            "type: string | ＡＢＣ１２３ | ＡＢＣ１２３",
            "{type: string, normalize: nfkc} | ＡＢＣ１２３ | ABC123",
            "{type: string, format: email} | info@city.example.jp | info@city.example.jp",
            "{type: string, format: uri} | https://www.city.yaizu.lg.jp/ | https://www.city.yaizu.lg.jp/",
            "{type: string, format: uri} | https://ja.wikipedia.org/wiki/焼津市 | https://ja.wikipedia.org/wiki/焼津市",
            "{type: string, format: uri} | https://example.jp/a%20b?q=1&r=[2]#top | https://example.jp/a%20b?q=1&r=[2]#top",
            "{type: string, format: uri} | mailto:info@city.example.jp | mailto:info@city.example.jp",
            "{type: string, format: uri} | urn:isbn:9784000000000 | urn:isbn:9784000000000",
            "{type: string, format: uri} | http://[::1]:8080/ | http://[::1]:8080/",
            "{type: string, format: uuid} | 123e4567-e89b-12d3-a456-426614174000 | 123e4567-e89b-12d3-a456-426614174000",
            // integer and number
            "type: integer | 1234 | 1234",
            "type: integer | `1,234` | 1234",
            "type: integer | △1,200 | -1200",
            "type: integer | ▲５ | -5",
            "{type: integer, bareNumber: false} | 1,200円 | 1200",
            "{type: integer, bareNumber: false} | 約30人 | 30",
            "type: number | 3.14 | 3.14",
            "type: number | `1,234.5` | 1234.5",
            "{type: number, decimalChar: ',', groupChar: '.'} | `1.234,5` | 1234.5",
            "{type: number, bareNumber: false} | 99.2% | 99.2",
            "{type: number, groupChar: ' '} | 1 234 567 | 1234567",
            // boolean
            "type: boolean | true | true",
            "type: boolean | ○ | true",
            "type: boolean | × | false",
            "type: boolean | 有 | true",
            "type: boolean | 無 | false",
            "type: boolean | はい | true",
            "type: boolean | いいえ | false",
            "{type: boolean, trueValues: [済], falseValues: [未]} | 済 | true",
            // dates, times
            "type: date | 令和6年4月1日 | 2024-04-01",
            "type: date | R6.4.1 | 2024-04-01",
            "{type: date, format: '%d/%m/%Y'} | 01/04/2024 | 2024-04-01",
            "type: time | 9:00 | 09:00:00",
            "type: time | ９：３０ | 09:30:00",
            "type: time | 17時30分 | 17:30:00",
            "type: time | 24:00 | 24:00:00",
            "type: datetime | 2024-04-01T09:30:00 | 2024-04-01T09:30:00",
            "type: datetime | 2024/4/1 9:30 | 2024-04-01T09:30:00",
            "type: datetime | 令和6年4月1日 9時30分 | 2024-04-01T09:30:00",
            "type: datetime | 2024-04-01T09:30:00+09:00 | 2024-04-01T09:30:00+09:00",
            "type: datetime | 2024-04-01T00:30:00Z | 2024-04-01T00:30:00Z",
            "type: year | 2024 | 2024",
            "type: year | 令和6年 | 2024",
            "type: year | R6 | 2024",
            "type: year | 令和元年 | 2019",
            "type: year | 平成１０年 | 1998",
            "type: year | 令和6年度 | 2024",
            "{type: string, normalize: fiscal-year-range} | 令和6年度 | 2024-04-01/2025-03-31",
            "{type: string, normalize: fiscal-year-range} | R6年度 | 2024-04-01/2025-03-31",
            "{type: string, normalize: fiscal-year-range} | ２０２４年度 | 2024-04-01/2025-03-31",
            "{type: string, normalize: fiscal-year-range} | 平成31年度 | 2019-04-01/2020-03-31",
            "{type: string, normalize: fiscal-year-range} | 令和元年度 | 2019-04-01/2020-03-31",
            "{type: string, normalize: fiscal-year-range} | 昭和63年度 | 1988-04-01/1989-03-31",
            "{type: string, normalize: fiscal-year-range} | 2024 | 2024-04-01/2025-03-31",
            "type: yearmonth | 2024-04 | 2024-04",
            "type: yearmonth | 2024/4 | 2024-04",
            "type: yearmonth | 令和6年4月 | 2024-04",
            "type: yearmonth | R6.4 | 2024-04",
            "type: duration | P1Y2M | P1Y2M",
            "type: duration | PT30M | PT30M",
            "type: duration | P1DT2H | P1DT2H",
            // geopoint, object, array, any
            "type: geopoint | `134.04, 34.34` | `134.04,34.34`",
            "{type: geopoint, coordinateOrder: lat-lon} | `34.34092056,134.04522972` | `34.34092056,134.04522972`",
            "{type: geopoint, format: array} | `[134.04, 34.34]` | `[134.04, 34.34]`",
            "{type: geopoint, format: object} | `{\"lon\": 134.04, \"lat\": 34.34}` | `{\"lon\": 134.04, \"lat\": 34.34}`",
            "type: object | `{\"a\": 1}` | `{\"a\":1}`",
            "type: array | `[1, \"二\"]` | `[1,\"二\"]`",
            "type: any | なんでも | なんでも",
            // Japanese codes
            "{type: string, japaneseCode: local-government-code} | 222127 | 222127",
            "{type: string, japaneseCode: local-government-code} | 22212 | 222127",
            "{type: string, japaneseCode: local-government-code} | １３１０１６ | 131016",
            "{type: string, japaneseCode: postal-code} | 〒760-0018 | 760-0018",
            "{type: string, japaneseCode: postal-code} | ７６０００１８ | 760-0018",
            "{type: string, japaneseCode: phone-number} | (054)625-0128 | 054-625-0128",
            "{type: string, japaneseCode: phone-number} | ０８７－８９７－３９１７ | 087-897-3917",
            "{type: string, japaneseCode: phone-number} | 09012345678 | 09012345678",
            // constraints that pass
            "{type: integer, constraints: {minimum: '0', maximum: '10'}} | 10 | 10",
            "{type: integer, constraints: {exclusiveMinimum: '0'}} | 1 | 1",
            "{type: date, constraints: {minimum: '2019-05-01'}} | 令和元年5月1日 | 2019-05-01",
            "{type: string, constraints: {enum: [燃やせるごみ, 破砕ごみ]}} | 破砕ごみ | 破砕ごみ",
            "{type: string, constraints: {pattern: '[0-9]{3}-[0-9]{4}'}} | 760-0018 | 760-0018",
            "{type: string, constraints: {minLength: 2, maxLength: 3}} | 高松市 | 高松市",
    })
    void readsAndNormalizes(String fieldYaml, String raw, String published) throws Exception {
        assertThat(publish(field(fieldYaml), read(fieldYaml, raw))).isEqualTo(published);
    }

    @ParameterizedTest(name = "{0} | {1} → {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{type: string, format: email} | info.city.example.jp | format-email",
            "{type: string, format: uri} | www.example.jp | format-uri",
            "{type: string, normalize: fiscal-year-range} | 令和6年 4月 | type-fiscal-year",
            "{type: string, normalize: fiscal-year-range} | 年度 | type-fiscal-year",
            "{type: string, format: uri} | https://example.jp/a b | format-uri",
            "{type: string, format: uri} | https://example.jp/%zz | format-uri",
            "{type: string, format: uri} | https://example.jp/\"q\" | format-uri",
            "{type: string, format: uri} | 1http://example.jp/ | format-uri",
            "{type: string, format: uri} | :no-scheme | format-uri",
            "{type: string, format: uri} | http://[::1/ | format-uri",
            "{type: string, format: uuid} | 123e4567 | format-uuid",
            "type: integer | 1.5 | type-integer",
            "type: integer | 12人 | type-integer",
            "type: integer | `1,23` | number-grouping",
            "type: number | 三 | type-number",
            "type: boolean | たぶん | type-boolean",
            "type: date | 令和6年4月 | date-without-day",
            "type: date | 平成31年5月1日 | wareki-out-of-era",
            "type: time | 25:00 | type-time",
            "type: time | 9:60 | type-time",
            "type: datetime | 2024-04-01 | type-datetime",
            "type: year | 24 | type-year",
            "type: year | 平成32年 | wareki-out-of-era",
            "type: yearmonth | 2024-13 | type-yearmonth",
            "type: duration | 1時間 | type-duration",
            "type: geopoint | `34.3` | type-geopoint",
            "type: geopoint | `34.34, 134.04` | geopoint-range",
            "type: object | `[1]` | type-object",
            "type: array | `{}` | type-array",
            "{type: string, japaneseCode: local-government-code} | 222128 | lg-code-check-digit",
            "{type: string, japaneseCode: local-government-code} | 2221 | lg-code-format",
            "{type: string, japaneseCode: postal-code} | 760-001 | postal-code-format",
            "{type: string, japaneseCode: phone-number} | 625-0128 | phone-format",
            "{type: integer, constraints: {minimum: '0'}} | -1 | constraint-minimum",
            "{type: integer, constraints: {maximum: '10'}} | 11 | constraint-maximum",
            "{type: integer, constraints: {exclusiveMinimum: '0'}} | 0 | constraint-exclusiveMinimum",
            "{type: number, constraints: {exclusiveMaximum: '1'}} | 1.0 | constraint-exclusiveMaximum",
            "{type: date, constraints: {maximum: '2019-04-30'}} | 令和元年5月1日 | constraint-maximum",
            "{type: string, constraints: {enum: [燃やせるごみ]}} | 破砕ごみ | constraint-enum",
            "{type: string, constraints: {pattern: '[0-9]{3}'}} | 12a | constraint-pattern",
            "{type: string, constraints: {minLength: 4}} | 高松市 | constraint-minLength",
            "{type: string, constraints: {maxLength: 2}} | 高松市 | constraint-maxLength",
            "{type: string, constraints: {required: true}} | `  ` | constraint-required",
    })
    void refusesWithTheRightErrorType(String fieldYaml, String raw, String errorType) {
        assertThatThrownBy(() -> read(fieldYaml, raw)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.code()).isEqualTo(errorType);
            assertThat(e.messageJa()).isNotBlank();
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void missingValueMarkersKeepTheirMeaning() throws Exception {
        Field field = field("{type: integer, missingValues: ['', '-', {value: 'x', label: 秘匿}]}");
        FieldReader reader = new FieldReader(field, List.of(MissingValue.of("")));
        assertThat(reader.read("")).isNull();
        assertThat(reader.read("-")).isEqualTo(new Missing("-"));
        assertThat(reader.read("x")).isEqualTo(new Missing("x"));
        assertThat(reader.read("5")).isEqualTo(5L);
        assertThat(publish(field, reader.read("x"))).isEqualTo("x");
    }

    @Test
    void aRequiredFieldRefusesEveryMissingMarker() {
        Field field = field("{type: integer, missingValues: ['-'], constraints: {required: true}}");
        FieldReader reader = new FieldReader(field, List.of());
        assertThatThrownBy(() -> reader.read("-")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("required");
    }

    private static Object read(String fieldYaml, String raw) throws Exception {
        Field field = field(fieldYaml);
        return new FieldReader(field, List.of(MissingValue.of(""))).read(raw);
    }

    private static String publish(Field field, Object value) {
        return io.hiraku.publish.PublishedText.of(field, value);
    }

    private static Field field(String yaml) {
        try {
            String object = yaml.startsWith("{") ? yaml.substring(0, yaml.length() - 1) + ", name: f}" : "{" + yaml + ", name: f}";
            return YAML.readValue(object, Field.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }
}
