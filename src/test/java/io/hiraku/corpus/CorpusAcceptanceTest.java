package io.hiraku.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.Corpus;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Definitions;
import io.hiraku.source.CharsetDetector;
import io.hiraku.source.DetectedCharset;
import io.hiraku.source.Sources;
import io.hiraku.validate.Issue;
import io.hiraku.validate.RowSink;
import io.hiraku.validate.TableValidator;
import io.hiraku.validate.ValidationReport;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real file of the shared corpus, read with a definition written for it
 * ({@code src/test/resources/corpus-catalog/datasets/corpus/}): published with the number of data
 * rows a person counts, or rejected with the problem on the right line. Each case says why.
 *
 * <p>For text files, every text value published must appear as such in the strict decode of the
 * source: nothing garbled by a wrong encoding, nothing cut or shifted by the parser.
 */
class CorpusAcceptanceTest {
    private static Definitions definitions;

    @BeforeAll
    static void loadDefinitions() {
        definitions = new DefinitionLoader().load(Path.of("src/test/resources/corpus-catalog"));
    }

    /** What should become of a file: published with so many rows, or rejected at a line. */
    record Case(String file, String dataset, boolean published, long rowsOrLine, String why) {
        static Case publishes(String file, String dataset, long rows, String why) {
            return new Case(file, dataset, true, rows, why);
        }

        static Case rejects(String file, String dataset, long line, String why) {
            return new Case(file, dataset, false, line, why);
        }

        @Override
        public String toString() {
            return file + (published ? " → " + rowsOrLine + " rows" : " → rejected at line " + rowsOrLine);
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                Case.publishes("nstac__SSDSE-A-2023.csv", "nstac-ssdse-a-2023", 1741,
                        "CP932; three header rows (codes, years, labels): the label row names the columns, the other two are listed as titles"),
                Case.publishes("nstac__SSDSE-E-2024.csv", "nstac-ssdse-e-2024", 48,
                        "the same layout for 全国 and the 47 prefectures"),
                Case.publishes("japanpost__KEN_ALL.CSV", "japanpost-ken-all", 124_511,
                        "124,825 records with no header; 314 continue a long 町域 and are merged into the record before"),
                Case.publishes("japanpost__JIGYOSYO.CSV", "japanpost-jigyosyo", 22_416,
                        "CP932 with ㈱ and Ⅰ; half-width katakana; no header"),
                Case.publishes("yaizu__222127_nouen.csv", "yaizu-222127-nouen", 9, "a tiny Shift_JIS file: 1 header + 9 rows"),
                Case.publishes("takamatsu__0002_aed_sjis_2023-02-16.csv", "takamatsu-0002-aed-sjis-2023-02-16", 514,
                        "CP932 with ～; nine # rows (#property names the columns) before the data; no header row"),
                Case.publishes("takamatsu__0084_202304_menu_sjis.csv", "takamatsu-0084-202304-menu-sjis", 468,
                        "CP932 with ㎝; dates written M/D/YYYY, declared so"),
                Case.publishes("wakayama__list-of-public-facilities_sjis_2016-12-12.csv",
                        "wakayama-list-of-public-facilities-sjis-2016-12-12", 1585,
                        "Shift_JIS; full-width digits and 平成 dates kept as the text they are"),
                Case.publishes("takamatsu__old_0074_garbage_separation.csv", "takamatsu-old-0074-garbage-separation", 606,
                        "UTF-8 BOM; 637 records after the # rows: 24 blank and 7 number-only rows at the bottom are left out and listed"),
                Case.publishes("takamatsu__old_0078.csv", "takamatsu-old-0078", 28,
                        "UTF-8 BOM; 和暦 dates (H29.1.6) and one 9/1/2021; line breaks in cells; one blank row"),
                Case.publishes("takamatsu__old_0066_202303_population.csv", "takamatsu-old-0066-202303-population", 235,
                        "a 49-column wide table after nine # rows"),
                Case.publishes("takamatsu__hospital_data.csv", "takamatsu-hospital-data", 628,
                        "a quoted \"#property\" row names the columns; full-width digits"),
                Case.publishes("yaizu__222127_park_info.csv", "yaizu-222127-park-info", 142, "quoted \"1,234\" numbers"),
                Case.publishes("yaizu__222127_aed.csv", "yaizu-222127-aed", 82, "推奨データセット v1 AED layout; empty optional columns"),
                Case.rejects("yaizu__222127_evacuation_space.csv", "yaizu-222127-evacuation-space", 2,
                        "written to the 推奨データセット v1 standard, whose 災害種別 columns hold 1: Yaizu wrote ○, first on line 2"),
                Case.publishes("yaizu__222127_public_toilet.csv", "yaizu-222127-public-toilet", 112,
                        "自治体標準オープンデータセット v2 layout"),
                Case.publishes("yaizu__ビーチクリーン大作戦会場.csv", "yaizu-beach-clean", 12,
                        "UTF-8 BOM, mixed CRLF/LF, line breaks inside quoted cells"),
                Case.publishes("yaizu__222127_dono_station.csv", "yaizu-222127-dono-station", 30, "many line breaks inside cells"),
                Case.publishes("yaizu__222127_traffic_accident_2022.csv", "yaizu-222127-traffic-accident-2022", 675,
                        "UTF-8 BOM, 27 coded columns"),
                Case.publishes("yaizu__焼津海の幸グルメマップ_サクラエビ.csv", "yaizu-sakuraebi-gourmet", 14,
                        "㈲ and ～ in UTF-8; an empty line is listed as blank"),
                Case.publishes("nhs__epraccur.csv", "nhs-epraccur", 16_534,
                        "English control file: no header, every field quoted, YYYYMMDD dates declared"),
                Case.publishes("takamatsu__0066_202401_population_workbook.xlsx", "takamatsu-0066-202401-population-workbook", 235,
                        "a working workbook: sheet 集計用, #property names the columns, rows 2-8 are examples and helpers, 合計/確認用 rows below are left out"),
                Case.publishes("takamatsu__0112_wellbeing.xlsx", "takamatsu-0112-wellbeing", 100,
                        "two header rows (the question row names the columns); the formatted range runs to row 1001, listed as blank"),
                Case.publishes("takamatsu__0097_city_tax.xlsx", "takamatsu-0097-city-tax", 21,
                        "large integers keep every digit; percentages stay decimals"),
                Case.rejects("gif__491-3-1_POIコード表.xlsx", "gif-poi-codes", 234,
                        "a merged two-row header is resolved, but row 234 (POI 0602 古墳) has no 大分類, which the definition requires"),
                Case.publishes("gif__438-1_コード一覧.xlsx", "gif-code-list", 280,
                        "sixteen rows of explanation above the table are listed as titles"),
                Case.publishes("wakayama__list-of-public-facilities.geojson", "wakayama-list-of-public-facilities", 1758,
                        "GeoJSON with a BOM: properties become columns, points give latitude and longitude"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__agency.txt", "gtfs-agency", 1, "GTFS-JP, one dataset per file"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__agency_jp.txt", "gtfs-agency-jp", 1, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__feed_info.txt", "gtfs-feed-info", 1, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__office_jp.txt", "gtfs-office-jp", 3, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__calendar.txt", "gtfs-calendar", 9, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__calendar_dates.txt", "gtfs-calendar-dates", 36, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__routes.txt", "gtfs-routes", 184, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__routes_jp.txt", "gtfs-routes-jp", 184, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__stops.txt", "gtfs-stops", 819, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__trips.txt", "gtfs-trips", 2746, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__fare_attributes.txt", "gtfs-fare-attributes", 3529, "GTFS-JP"),
                Case.publishes("gtfs_jp__kumamoto_toshibus__translations.txt", "gtfs-translations", 14_247, "GTFS-JP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileIsPublishedOrRejectedAsAPersonWouldExpect(Case c) throws Exception {
        Path file = Corpus.file(c.file());
        DatasetDefinition definition = definitions.forDrop("corpus", c.file()).orElseThrow();
        assertThat(definition.id()).isEqualTo(c.dataset());
        List<String> texts = new ArrayList<>();
        RowSink sink = (n, values) -> {
            for (Object v : values) {
                if (v instanceof String s && texts.size() < 20_000) {
                    texts.add(s);
                }
            }
        };
        ValidationReport report = new TableValidator().validate(file, definition, sink);
        if (c.published()) {
            assertThat(report.getErrors()).as(c.why()).isEmpty();
            assertThat(report.getRows()).as(c.why()).isEqualTo(c.rowsOrLine());
            if (Sources.needsCharset(file) && definition.source().continuation() == null) {
                String decoded = strictDecode(file);
                assertThat(texts).as("text values found verbatim in the decoded source")
                        .allSatisfy(t -> assertThat(decoded).contains(asWritten(t)));
            }
        } else {
            assertThat(report.valid()).as(c.why()).isFalse();
            Issue first = report.getErrors().get(0);
            assertThat(first.line()).as(c.why()).isEqualTo(c.rowsOrLine());
            assertThat(first.messageJa()).isNotBlank();
            assertThat(first.messageEn()).isNotBlank();
        }
    }

    /** The part of a value that the source holds verbatim: up to a quote, which CSV doubles. */
    private static String asWritten(String value) {
        int quote = value.indexOf('"');
        return quote < 0 ? value : value.substring(0, quote);
    }

    /** The source decoded with the detected charset, strictly: what a person would read. */
    private static String strictDecode(Path file) throws Exception {
        DetectedCharset charset = new CharsetDetector().detect(file, "auto");
        byte[] bytes = Files.readAllBytes(file);
        try {
            return charset.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, charset.bomLength(), bytes.length - charset.bomLength())).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " does not decode strictly as " + charset.name(), e);
        }
    }
}
