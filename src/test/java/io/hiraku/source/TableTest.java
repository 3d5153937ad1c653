package io.hiraku.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.SourceHints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
    private static final SourceHints HEADER_ON_FIRST_ROW = SourceHints.DEFAULT;
    private static final SourceHints NO_HEADER = Hints.of("headerRow: 0");

    @TempDir
    Path dir;

    @Test
    void takamatsuGarbageListLeavesOutBlankAndNumberOnlyRowsAndSaysWhere() throws Exception {
        Path file = CharsetDetectorTest.corpus("takamatsu__old_0074_garbage_separation.csv");
        DetectedCharset charset = new CharsetDetector().detect(file, "auto");
        try (Table table = Sources.open(file, charset, NO_HEADER)) {
            List<RawRow> rows = read(table);
            assertThat(rows).hasSize(606); // counted independently: 637 records after the # rows, 24 blank, 7 number-only
            assertThat(rows.get(0).cells()).containsExactly("1", "ＩＣレコーダー", "破砕ごみ", "小型家電として回収ボックスに投入できます");
            assertThat(rows.get(rows.size() - 1).cells()[0]).isEqualTo("634");
            assertThat(table.metadata()).containsKeys("LINK", "lang", "attribution_name", "license", "property");
            assertThat(table.metadata().get("attribution_name")).containsExactly("高松市");
            assertThat(table.metadata().get("property")).containsExactly("name", "classification", "note");
            assertThat(table.skipped().count(SkippedRows.Reason.BLANK)).isEqualTo(24);
            assertThat(table.skipped().count(SkippedRows.Reason.ID_ONLY)).isEqualTo(7);
            assertThat(table.skipped().entries()).filteredOn(e -> e.reason() == SkippedRows.Reason.ID_ONLY)
                    .singleElement().satisfies(e -> assertThat(e.lines()).matches("\\d+–\\d+"));
        }
    }

    @Test
    void kenAllLongTownNamesSplitOverRecordsAreMergedWhenTheDefinitionSaysSo() throws Exception {
        Path file = CharsetDetectorTest.corpus("japanpost__KEN_ALL.CSV");
        DetectedCharset charset = new CharsetDetector().detect(file, "auto");
        try (Table table = Sources.open(file, charset, Hints.of("headerRow: 0\ncontinuation: {column: 9, join: [6]}"))) {
            long rows = 0;
            String[] kyowa = null;
            for (RawRow row : table) {
                rows++;
                if ("0660005".equals(row.cells()[2])) {
                    kyowa = row.cells();
                }
            }
            assertThat(rows).isEqualTo(124_511);  // 124,825 records, 314 of them continuations
            assertThat(table.skipped().count(SkippedRows.Reason.MERGED)).isEqualTo(314);
            assertThat(kyowa).isNotNull();
            assertThat(kyowa[8]).startsWith("協和（８８－２、").endsWith("１７５２番地）");
            assertThat(kyowa[5]).startsWith("ｷｮｳﾜ(88-2").endsWith("ﾊﾞﾝﾁ)");
        }
    }

    @Test
    void titleRowsTotalsAndNotesAreLeftOutButFooterLookalikesInsideTheDataAreKept() throws Exception {
        Path file = write("""
                令和6年度 施設一覧
                （単位：人）
                番号,名称,定員
                1,中央,10
                2,,
                3,東,20

                合計,,30
                確認用,,30
                ※ 令和6年4月1日現在
                """);
        try (Table table = Sources.open(file, charset(), Hints.of("headerRow: 3"))) {
            assertThat(table.header()).hasValue(List.of("番号", "名称", "定員"));
            assertThat(table.headerLine()).isEqualTo(3);
            List<RawRow> rows = read(table);
            assertThat(rows).extracting(r -> r.cells()[0]).containsExactly("1", "2", "3");
            assertThat(table.skipped().entries()).extracting(SkippedRows.Entry::reason, SkippedRows.Entry::lines)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(SkippedRows.Reason.BLANK, "7"),
                            org.assertj.core.groups.Tuple.tuple(SkippedRows.Reason.TITLE, "1–2"),
                            org.assertj.core.groups.Tuple.tuple(SkippedRows.Reason.TOTAL, "8–9"),
                            org.assertj.core.groups.Tuple.tuple(SkippedRows.Reason.NOTE, "10"));
        }
    }

    @Test
    void aTableOfOneColumnKeepsItsNumbersAsData() throws Exception {
        // a list of postal codes or ids: a number alone in its row is the data, not a row number below it
        Path file = write("郵便番号\n0600000\n0640941\n");
        try (Table table = Sources.open(file, charset(), HEADER_ON_FIRST_ROW)) {
            assertThat(read(table)).extracting(r -> r.cells()[0]).containsExactly("0600000", "0640941");
            assertThat(table.skipped().entries()).isEmpty();
        }
        try (Table table = Sources.open(write("1\n2\n3\n"), charset(), NO_HEADER)) {
            assertThat(read(table)).hasSize(3);
        }
        // with a second column, a number alone at the bottom is still left out
        try (Table table = Sources.open(write("番号,名称\n1,a\n2,\n"), charset(), HEADER_ON_FIRST_ROW)) {
            assertThat(read(table)).hasSize(1);
            assertThat(table.skipped().count(SkippedRows.Reason.ID_ONLY)).isEqualTo(1);
        }
    }

    @Test
    void footerCanBeKeptAsData() throws Exception {
        Path file = write("番号,名称\n1,a\n合計,\n");
        try (Table table = Sources.open(file, charset(), Hints.of("footer: keep"))) {
            assertThat(read(table)).hasSize(2);
        }
    }

    @Test
    void delimiterIsFoundFromTheFile() throws Exception {
        for (String text : List.of("a\tb\tc\n1\t2,5\t3\n", "a;b;c\n1;\"2,5\";3\n", "a,b,c\n1,\"2;5\",3\n")) {
            try (Table table = Sources.open(write(text), charset(), HEADER_ON_FIRST_ROW)) {
                assertThat(table.header()).as(text).hasValue(List.of("a", "b", "c"));
                assertThat(read(table).get(0).cells()).as(text).hasSize(3);
            }
        }
    }

    @Test
    void everyLineEndingAndQuotedLineBreaksKeepLineNumbers() throws Exception {
        Path file = write("a,b\r1,\"x\r\ny\"\n2,z\r\n3,w");
        try (Table table = Sources.open(file, charset(), HEADER_ON_FIRST_ROW)) {
            List<RawRow> rows = read(table);
            assertThat(rows).extracting(RawRow::line).containsExactly(2L, 4L, 5L);
            assertThat(rows.get(0).cells()[1]).isEqualTo("x\r\ny");
        }
    }

    private static List<RawRow> read(Table table) {
        List<RawRow> rows = new ArrayList<>();
        table.forEach(rows::add);
        return rows;
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "t", ".csv"), text, StandardCharsets.UTF_8);
    }

    private static DetectedCharset charset() {
        return new DetectedCharset(StandardCharsets.UTF_8, 0, "UTF-8", "UTF-8");
    }
}
