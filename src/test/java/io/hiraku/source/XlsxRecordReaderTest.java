package io.hiraku.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxRecordReaderTest {
    @TempDir
    Path dir;

    @Test
    void cityTaxNumbersKeepTheirDigits() throws Exception {
        try (Table table = open("takamatsu__0097_city_tax.xlsx", "headerFromMetadata: property")) {
            assertThat(table.header().orElseThrow()).startsWith("", "year", "taxItem").contains("incomeRate");
            List<RawRow> rows = read(table);
            assertThat(rows).hasSize(21);
            assertThat(rows.get(0).line()).isEqualTo(2);
            assertThat(rows.get(0).cells()).startsWith("1", "令和6年度", "市民税", "個人", "現年課税分", "23279743112")
                    .contains("99.2");
        }
    }

    @Test
    void workingWorkbookWithExampleRowsAndTotalsBelowTheData() throws Exception {
        try (Table table = open("takamatsu__0066_202401_population_workbook.xlsx",
                "sheet: 集計用\nheaderFromMetadata: property\nskipRows: [2-8]")) {
            List<String> header = table.header().orElseThrow();
            assertThat(header.get(5)).isEqualTo("調査年月日");
            List<RawRow> rows = read(table);
            assertThat(rows).hasSize(235);
            assertThat(rows.get(0).cells()[5]).isEqualTo("2024-01-01");   // =$B$4: a formula giving a date serial
            assertThat(rows.get(0).cells()[7]).isEqualTo("390");          // =I9+J9: the cached value
            assertThat(rows.get(0).cells()[10]).isEqualTo("14");          // a VLOOKUP over another sheet
            assertThat(rows.get(234).cells()[7]).isEqualTo("1765");       // a shared formula
            assertThat(rows.get(234).cells()[6]).isEqualTo("牟礼町原");
            assertThat(table.skipped().entries()).extracting(SkippedRows.Entry::reason, SkippedRows.Entry::lines)
                    .containsExactly(tuple(SkippedRows.Reason.BLANK, "244, 247–255"),
                            tuple(SkippedRows.Reason.DEFINITION, "2–8"),  // example rows, the input cell, lookup helpers
                            tuple(SkippedRows.Reason.TOTAL, "245–246"));
        }
    }

    @Test
    void twoRowHeaderWithMergedCellsAndCodesWithLeadingZeros() throws Exception {
        try (Table table = open("gif__491-3-1_POIコード表.xlsx", "sheet: 根拠コード等対応表（180110）\nheaderRow: 2\nheaderRows: 2")) {
            assertThat(table.header().orElseThrow()).containsExactly("大分類", "", "POI", "解説",
                    "既存コード等の根拠_コード", "既存コード等の根拠_対象", "既存コード等の根拠_説明", "既存コード等の根拠_参照元",
                    "日本標準産業分類_コード", "日本標準産業分類_分類名");
            List<RawRow> rows = read(table);
            assertThat(rows.get(1).cells()[1]).isEqualTo("0101");
            assertThat(rows.get(0).cells()[4]).isEqualTo("0101");
        }
    }

    @Test
    void aFormattedRangeFarLargerThanTheDataEndsInListedBlankRows() throws Exception {
        try (Table table = open("takamatsu__0112_wellbeing.xlsx", "headerRow: 2")) {
            assertThat(table.header().orElseThrow().get(1)).isEqualTo("回答者ID");
            List<RawRow> rows = read(table);
            assertThat(rows).hasSize(100);
            assertThat(rows.get(0).cells()[1]).isEqualTo("10001");
            assertThat(table.skipped().entries()).extracting(SkippedRows.Entry::reason, SkippedRows.Entry::lines)
                    .containsExactly(tuple(SkippedRows.Reason.BLANK, "103–1001"),
                            tuple(SkippedRows.Reason.TITLE, "1"));  // the category row above the questions
        }
    }

    @Test
    void theFirstSheetHoldingATableIsTakenAndASheetCanBeChosenByNumber() throws Exception {
        try (XlsxRecordReader reader = XlsxRecordReader.open(
                CharsetDetectorTest.corpus("gif__491-3-1_POIコード表.xlsx"), null)) {
            assertThat(reader.sheetName()).isEqualTo("根拠コード等対応表（180110）");
        }
        try (XlsxRecordReader reader = XlsxRecordReader.open(
                CharsetDetectorTest.corpus("gif__491-3-1_POIコード表.xlsx"), "2")) {
            assertThat(reader.sheetName()).isEqualTo("POIコード（180110）");
        }
        assertThatThrownBy(() -> XlsxRecordReader.open(CharsetDetectorTest.corpus("gif__491-3-1_POIコード表.xlsx"), "集計"))
                .isInstanceOf(MalformedTableException.class).hasMessageContaining("no sheet '集計'")
                .hasMessageContaining("POIコード（180110）");
    }

    @Test
    void entityDeclarationsAreRefusedBeforeParsing() throws Exception {
        Path evil = zip("xxe.xlsx", "xl/workbook.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<workbook>&e;</workbook>");
        assertThatThrownBy(() -> XlsxRecordReader.open(evil, null)).isInstanceOf(MalformedTableException.class)
                .hasMessageContaining("declares a DTD or entities");
    }

    @Test
    void zipBombsAreRefusedBeforeUnpacking() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.xlsx"), io.hiraku.Fixtures.xlsxZipBomb());
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThatThrownBy(() -> XlsxRecordReader.open(bomb, null)).isInstanceOf(MalformedTableException.class)
                .hasMessageContaining("zip bomb");
    }

    /**
     * The xlsx reader keeps a workbook's distinct texts in memory: a workbook with more of them than the
     * heap holds (it ran out of memory at 800,000 distinct addresses) is refused up front with the advice
     * to drop the sheet as CSV; a smaller one is read whole.
     */
    @Test
    void aWorkbookWithMoreDistinctTextThanMemoryHoldsIsRefusedWithTheAdviceToUseCsv() throws Exception {
        Path small = io.hiraku.Fixtures.xlsxWithDistinctTexts(dir.resolve("small.xlsx"), 1000);
        try (XlsxRecordReader reader = XlsxRecordReader.open(small, null)) {
            int rows = 0;
            RawRow last = null;
            for (RawRow row; (row = reader.next()) != null; rows++) {
                last = row;
            }
            assertThat(rows).isEqualTo(1001);
            assertThat(last.cells()).containsExactly("999", "東京都千代田区霞が関" + Integer.toHexString(999 * 7919) + "丁目999番地");
        }
        Path large = io.hiraku.Fixtures.xlsxWithDistinctTexts(dir.resolve("large.xlsx"), 480_000);
        SpreadsheetGuard.Limits launcher = SpreadsheetGuard.Limits.forHeap(144L << 20); // bin/hiraku's -Xmx144m
        assertThat(launcher.maxSharedStringsBytes()).isEqualTo(32L << 20);
        assertThatThrownBy(() -> XlsxRecordReader.open(large, null, launcher)).isInstanceOfSatisfying(
                MalformedTableException.class, e -> assertThat(e.getMessage())
                        .contains("too much distinct text", "at most 32 MB", "save the sheet as CSV (UTF-8)"));
        // given a gigabyte (HIRAKU_JAVA_OPTS=-Xmx1g), the same workbook is read
        SpreadsheetGuard.Limits gigabyte = SpreadsheetGuard.Limits.forHeap(1L << 30);
        assertThat(gigabyte.maxSharedStringsBytes()).isGreaterThan(200L << 20);
        try (XlsxRecordReader reader = XlsxRecordReader.open(large, null, gigabyte)) {
            assertThat(reader.next().cells()).containsExactly("番号", "住所");
        }
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefusedClearly() throws Exception {
        Path csv = Files.writeString(dir.resolve("table.xlsx"), "a,b\n1,2\n");
        assertThatThrownBy(() -> XlsxRecordReader.open(csv, null)).isInstanceOf(MalformedTableException.class)
                .hasMessageContaining("cannot be opened as an xlsx");
    }

    private Path zip(String name, String entry, String content) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static Table open(String corpusFile, String hints) throws Exception {
        return Sources.open(CharsetDetectorTest.corpus(corpusFile), null, Hints.of(hints));
    }

    private static List<RawRow> read(Table table) {
        List<RawRow> rows = new ArrayList<>();
        table.forEach(rows::add);
        return rows;
    }
}
