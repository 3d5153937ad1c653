package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where a department's file is and how to read it.
 *
 * @param files     file-name patterns (glob, e.g. {@code 0002_aed*.csv}) that belong to this dataset,
 *                  besides {@code <dataset-id>.csv}
 * @param encoding  {@code auto} (default) or a charset name that pins the encoding
 * @param headerRow which row, counting from 1 after the {@code #} metadata rows, names the columns;
 *                  0 when the file has no header and the schema's fields give the columns in order
 * @param delimiter the CSV delimiter ({@code ,}, {@code ;}, {@code tab}); found from the file when absent
 * @param footer    {@code leave-out} (default): rows with only a number, totals and notes below the
 *                  data are left out and listed in the receipt; {@code keep}: they are data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceHints(List<String> files, String encoding, Integer headerRow, String delimiter, String footer) {

    public static final SourceHints DEFAULT = new SourceHints(null, null, null, null, null);

    public SourceHints {
        files = files == null ? List.of() : List.copyOf(files);
        encoding = encoding == null || encoding.isBlank() ? "auto" : encoding;
        headerRow = headerRow == null ? 1 : headerRow;
        footer = footer == null ? "leave-out" : footer;
        if (!footer.equals("leave-out") && !footer.equals("keep")) {
            throw new IllegalArgumentException("source.footer must be leave-out or keep, not '" + footer + "'");
        }
    }

    public boolean leaveOutFooter() {
        return "leave-out".equals(footer);
    }

    public boolean hasHeader() {
        return headerRow > 0;
    }
}
