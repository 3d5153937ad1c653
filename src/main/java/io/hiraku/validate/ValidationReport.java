package io.hiraku.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hiraku.normalize.Normalization;
import io.hiraku.source.SkippedRows;
import java.util.ArrayList;
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
    private final List<Issue> errors = new ArrayList<>();
    private final Map<String, List<String>> metadataRows = new LinkedHashMap<>();
    private final Map<String, Map<Normalization, Long>> normalizations = new LinkedHashMap<>();

    public void add(Issue issue) {
        errorCount++;
        if (errors.size() < MAX_ISSUES) {
            errors.add(issue);
        }
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

    /** Plain-text summary for the command line and logs. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(valid() ? "VALID" : "INVALID").append(": ").append(rows).append(" rows");
        if (encoding != null) {
            s.append(", encoding ").append(encoding);
        }
        s.append(", ").append(errorCount).append(" error(s)\n");
        for (Issue e : errors) {
            s.append("  ");
            if (e.line() != null) {
                s.append("line ").append(e.line()).append(": ");
            }
            if (e.rowNumber() != null) {
                s.append("row ").append(e.rowNumber()).append(", ");
            }
            if (e.column() != null) {
                s.append("column ").append(e.columnNumber()).append(" '").append(e.column()).append("', ");
            }
            if (e.value() != null) {
                s.append("value '").append(e.value()).append("': ");
            }
            s.append(e.messageEn()).append(" / ").append(e.messageJa()).append('\n');
        }
        if (errorCount > errors.size()) {
            s.append("  … and ").append(errorCount - errors.size()).append(" more\n");
        }
        return s.toString();
    }
}
