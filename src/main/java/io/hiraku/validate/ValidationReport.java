package io.hiraku.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hiraku.normalize.Normalization;
import io.hiraku.source.SkippedRows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validating one file found: where its table was, how many rows, every problem (the first
 * {@value #MAX_ISSUES} kept in full, all counted), and how many cells each normalization changed.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class ValidationReport {
    public static final int MAX_ISSUES = 1000;

    private String encoding;
    private String encodingReasonJa;
    private String encodingReasonEn;
    private String format;
    private long headerLine;
    private long rows;
    private List<SkippedRows.Entry> skippedRows = List.of();
    private long errorCount;
    private long invalidRows;
    private long fileErrorCount;
    private final List<Issue> errors = new ArrayList<>();
    private final Map<String, Long> errorTypes = new TreeMap<>();
    private final Map<String, ColumnErrors> byColumn = new LinkedHashMap<>();
    private final Map<String, List<String>> metadataRows = new LinkedHashMap<>();
    private final Map<String, Map<Normalization, Long>> normalizations = new LinkedHashMap<>();

    public void add(Issue issue) {
        errorCount++;
        if (issue.rowNumber() == null) {
            fileErrorCount++;
        }
        if (errors.size() < MAX_ISSUES) {
            errors.add(issue);
        }
        errorTypes.merge(issue.type(), 1L, Long::sum);
        String key = issue.column() == null ? "" : issue.column();
        byColumn.computeIfAbsent(key, k -> new ColumnErrors(k, issue.columnNumber())).add(issue);
    }

    /** Frictionless's {@code valid}. */
    public boolean isValid() {
        return valid();
    }

    /** Frictionless's {@code stats}: rows read, errors found, rows with an error. */
    public Map<String, Long> getStats() {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("rows", rows);
        stats.put("errors", errorCount);
        stats.put("invalidRows", invalidRows);
        return stats;
    }

    void rowInvalid() {
        invalidRows++;
    }

    /** Rows with at least one error (left out when the dataset publishes the valid rows). */
    public long getInvalidRows() {
        return invalidRows;
    }

    /** Problems of the file as a whole (encoding, columns, structure), which no policy publishes past. */
    public long getFileErrorCount() {
        return fileErrorCount;
    }

    /** How many errors of each type. */
    public Map<String, Long> getErrorTypes() {
        return errorTypes;
    }

    /** The errors by column (file-level problems under ""), each with a count and the first examples. */
    public Collection<ColumnErrors> getErrorsByColumn() {
        return byColumn.values();
    }

    public boolean valid() {
        return errorCount == 0;
    }

    public void encoding(String name, String reasonJa, String reasonEn) {
        this.encoding = name;
        this.encodingReasonJa = reasonJa;
        this.encodingReasonEn = reasonEn;
    }

    public String getEncoding() {
        return encoding;
    }

    public String getEncodingReasonJa() {
        return encodingReasonJa;
    }

    public String getEncodingReasonEn() {
        return encodingReasonEn;
    }

    /** How the file was read: "CSV (comma)", "xlsx, sheet 集計用", "GeoJSON FeatureCollection". */
    public String getFormat() {
        return format;
    }

    void format(String description) {
        this.format = description;
    }

    public long getHeaderLine() {
        return headerLine;
    }

    void headerLine(long line) {
        this.headerLine = line;
    }

    public long getRows() {
        return rows;
    }

    void rows(long count) {
        this.rows = count;
    }

    /** Rows left out of the table (blank, title, footer), with their lines. */
    public List<SkippedRows.Entry> getSkippedRows() {
        return skippedRows;
    }

    void skipped(SkippedRows skipped) {
        this.skippedRows = skipped.entries();
    }

    public long getErrorCount() {
        return errorCount;
    }

    public List<Issue> getErrors() {
        return errors;
    }

    public Map<String, List<String>> getMetadataRows() {
        return metadataRows;
    }

    public Map<String, Map<Normalization, Long>> getNormalizations() {
        return normalizations;
    }

    /** Plain-text summary for the command line and logs: errors by column, with the first examples. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(valid() ? "VALID" : "INVALID").append(": ").append(rows).append(" rows");
        if (format != null) {
            s.append(", ").append(format);
        }
        if (encoding != null) {
            s.append(", encoding ").append(encoding);
        }
        s.append(", ").append(errorCount).append(" error(s)\n");
        for (ColumnErrors column : byColumn.values()) {
            s.append(column.getColumn().isEmpty() ? "  the file" : "  column " + column.getColumnNumber() + " '"
                    + column.getColumn() + "'").append(": ").append(column.getCount()).append(" error(s) ")
                    .append(column.getTypes()).append('\n');
            for (Issue e : column.getExamples()) {
                s.append("    ");
                if (e.line() != null) {
                    s.append("line ").append(e.line()).append(": ");
                }
                if (e.rowNumber() != null) {
                    s.append("row ").append(e.rowNumber()).append(", ");
                }
                if (e.cell() != null) {
                    s.append("value '").append(e.cell()).append("': ");
                }
                s.append(e.messageEn()).append(" / ").append(e.messageJa()).append('\n');
            }
            if (column.getCount() > column.getExamples().size()) {
                s.append("    … and ").append(column.getCount() - column.getExamples().size()).append(" more\n");
            }
        }
        return s.toString();
    }
}
