package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Where a department's file is and how to read it.
 *
 * @param files     file-name patterns (glob, e.g. {@code 0002_aed*.csv}) that belong to this dataset,
 *                  besides {@code <dataset-id>.csv}
 * @param encoding  {@code auto} (default) or a charset name that pins the encoding
 * @param headerRow which row, counting from 1 after the {@code #} metadata rows, names the columns;
 *                  0 when the file has no header and the schema's fields give the columns in order
 * @param delimiter the CSV delimiter ({@code ,}, {@code ;}, {@code tab}); found from the file when absent
 * @param headerRows how many rows, ending at {@code headerRow}, make the header (default 1); labels of
 *                  upper rows that span several columns (merged cells) are carried to the right and
 *                  joined with {@code headerJoin}: 人口 over 男, 女 gives 人口_男, 人口_女
 * @param headerJoin what joins the labels of a header of several rows (default {@code _}; a Frictionless
 *                  dialect's {@code headerJoin}, whose default is a space)
 * @param sheet     xlsx: the sheet's name or number (from 1); default the first sheet holding a table
 * @param columns   field name → column number (from 1), for columns the header does not name (a header
 *                  cell left empty by a merged cell) or names ambiguously
 * @param headerFromMetadata the {@code #} metadata row that names the columns instead of a header row
 *                  (Takamatsu's {@code #property} row); its first cell, the marker, names no column
 * @param skipRows  lines (rows of a sheet) that are not data, as numbers or ranges: {@code [2, "5-7"]}
 *                  (example rows, input cells); listed in the receipt
 * @param continuation how records continuing the previous one are recognised and merged (KEN_ALL)
 * @param footer    {@code leave-out} (default): rows with only a number, totals and notes below the
 *                  data are left out and listed in the receipt; {@code keep}: they are data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceHints(List<String> files, String encoding, Integer headerRow, Integer headerRows, String sheet,
                          String delimiter, Map<String, Integer> columns, String headerFromMetadata,
                          List<String> skipRows, Continuation continuation, String footer, String headerJoin) {

    public static final SourceHints DEFAULT = new SourceHints(null, null, null, null, null, null, null, null, null,
            null, null, null);

    public SourceHints {
        files = files == null ? List.of() : List.copyOf(files);
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        skipRows = skipRows == null ? List.of() : List.copyOf(skipRows);
        for (String range : skipRows) {
            if (!range.matches("\\d+(-\\d+)?")) {
                throw new IllegalArgumentException("source.skipRows: '" + range + "' is not a line number or range like 5-7");
            }
        }
        if (headerFromMetadata != null) {
            headerRow = 0;
        }
        encoding = encoding == null || encoding.isBlank() ? "auto" : encoding;
        headerRow = headerRow == null ? 1 : headerRow;
        headerRows = headerRows == null ? 1 : headerRows;
        if (headerRows < 1 || (headerRow > 0 && headerRows > headerRow)) {
            throw new IllegalArgumentException("source.headerRows must be between 1 and headerRow (" + headerRow + ")");
        }
        footer = footer == null ? "leave-out" : footer;
        headerJoin = headerJoin == null ? "_" : headerJoin;
        if (!footer.equals("leave-out") && !footer.equals("keep")) {
            throw new IllegalArgumentException("source.footer must be leave-out or keep, not '" + footer + "'");
        }
    }

    /** These hints with another header row (0: no header). */
    public SourceHints withHeaderRow(int row) {
        return new SourceHints(files, encoding, row, 1, sheet, delimiter, columns, null, skipRows, continuation, footer,
                headerJoin);
    }

    /** Whether the definition says this line is not data. */
    public boolean skips(long line) {
        for (String range : skipRows) {
            int dash = range.indexOf('-');
            long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
            if (line >= from && line <= to) {
                return true;
            }
        }
        return false;
    }

    public boolean leaveOutFooter() {
        return "leave-out".equals(footer);
    }

    public boolean hasHeader() {
        return headerRow > 0;
    }
}
