package io.hiraku.source;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * One sheet of an xlsx workbook as records, streamed row by row (fastexcel-reader, StAX). Cells keep
 * their meaning: text stays text (a postal code {@code 0600000} keeps its zero), numbers are written
 * with their digits ({@code 68049}, not {@code 68049.0}), numbers formatted as dates become ISO dates,
 * formulas give their cached values. The record's line is the sheet's row number.
 */
public final class XlsxRecordReader implements RecordReader {
    private final ReadableWorkbook workbook;
    private final Stream<Row> rows;
    private final Iterator<Row> iterator;
    private final String sheetName;

    private XlsxRecordReader(ReadableWorkbook workbook, Sheet sheet) throws IOException {
        this.workbook = workbook;
        this.sheetName = sheet.getName();
        this.rows = sheet.openStream();
        this.iterator = rows.iterator();
    }

    /**
     * @param sheet the sheet's name, or its number counting from 1; null for the first sheet that holds
     *              a table (two consecutive rows with two or more cells filled)
     */
    public static XlsxRecordReader open(Path file, String sheet) throws IOException {
        return open(file, sheet, SpreadsheetGuard.Limits.DEFAULT);
    }

    /** With the guard's limits given (those of another heap than this JVM's). */
    static XlsxRecordReader open(Path file, String sheet, SpreadsheetGuard.Limits limits) throws IOException {
        SpreadsheetGuard.check(file, limits);
        ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
        try {
            return new XlsxRecordReader(workbook, choose(workbook, sheet));
        } catch (IOException | RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    private static Sheet choose(ReadableWorkbook workbook, String wanted) throws IOException {
        List<Sheet> sheets = workbook.getSheets().toList();
        List<String> names = sheets.stream().map(Sheet::getName).toList();
        if (wanted != null && !wanted.isBlank()) {
            Optional<Sheet> byName = workbook.findSheet(wanted);
            if (byName.isPresent()) {
                return byName.get();
            }
            if (wanted.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(wanted) - 1;
                if (index >= 0 && index < sheets.size()) {
                    return sheets.get(index);
                }
            }
            throw new MalformedTableException(0, "シート「" + wanted + "」がありません（シート: " + names + "）",
                    "there is no sheet '" + wanted + "' (sheets: " + names + ")", null);
        }
        for (Sheet sheet : sheets) {
            if (holdsTable(sheet)) {
                return sheet;
            }
        }
        throw new MalformedTableException(0, "表のあるシートが見つかりません（シート: " + names + "）",
                "no sheet holds a table (sheets: " + names + ")", null);
    }

    /** Two consecutive rows with at least two filled cells, within the first 200 rows. */
    private static boolean holdsTable(Sheet sheet) throws IOException {
        try (Stream<Row> rows = sheet.openStream()) {
            Iterator<Row> it = rows.iterator();
            int previousRow = -2;
            int seen = 0;
            while (it.hasNext() && seen++ < 200) {
                Row row = it.next();
                long filled = row.stream().filter(c -> c != null && c.getType() != CellType.EMPTY
                        && !c.getRawValue().isBlank()).count();
                if (filled >= 2) {
                    if (row.getRowNum() == previousRow + 1) {
                        return true;
                    }
                    previousRow = row.getRowNum();
                }
            }
        }
        return false;
    }

    public String sheetName() {
        return sheetName;
    }

    @Override
    public String describe() {
        return "xlsx, sheet " + sheetName;
    }

    @Override
    public RawRow next() {
        if (!iterator.hasNext()) {
            return null;
        }
        Row row = iterator.next();
        int width = 0;
        for (Cell cell : row) {
            if (cell != null && !text(cell).isEmpty()) {
                width = cell.getColumnIndex() + 1;
            }
        }
        String[] cells = new String[width];
        for (int i = 0; i < width; i++) {
            Cell cell = row.getCell(i);
            cells[i] = cell == null ? "" : text(cell);
        }
        return new RawRow(row.getRowNum(), cells);
    }

    static String text(Cell cell) {
        String raw = cell.getRawValue();
        if (raw == null) {
            return "";
        }
        CellType type = cell.getType();
        if (type == CellType.NUMBER || (type == CellType.FORMULA && isNumber(raw))) {
            if (isDateFormat(cell.getDataFormatId(), cell.getDataFormatString())) {
                LocalDateTime date = cell.getType() == CellType.NUMBER ? cell.asDate() : excelDate(raw);
                return date.toLocalTime().toSecondOfDay() == 0 ? date.toLocalDate().toString() : date.toString();
            }
            return new BigDecimal(raw).stripTrailingZeros().toPlainString();
        }
        if (type == CellType.BOOLEAN) {
            return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "true" : "false";
        }
        return raw;
    }

    private static boolean isNumber(String raw) {
        try {
            new BigDecimal(raw);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static LocalDateTime excelDate(String raw) {
        BigDecimal serial = new BigDecimal(raw);
        long days = serial.longValue();
        long seconds = serial.subtract(BigDecimal.valueOf(days)).multiply(BigDecimal.valueOf(86400)).longValue();
        return LocalDateTime.of(1899, 12, 30, 0, 0).plusDays(days).plusSeconds(seconds);
    }

    /**
     * A number format that shows a date: one of Excel's built-in date formats (14–22, and 27–36 and
     * 50–58, the Japanese era and East Asian ones), or a custom format with y, m or d outside quotes and
     * brackets, like Excel's own test.
     */
    static boolean isDateFormat(Integer id, String format) {
        if (id != null && ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))) {
            return true;
        }
        if (format == null || format.isEmpty() || "General".equalsIgnoreCase(format)) {
            return false;
        }
        String f = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").replaceAll("\\\\.", "")
                .toLowerCase(Locale.ROOT);
        return f.indexOf('y') >= 0 || f.indexOf('d') >= 0 || (f.indexOf('m') >= 0 && f.indexOf('0') < 0)
                || f.contains("e") && f.contains("g");
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            workbook.close();
        }
    }
}
