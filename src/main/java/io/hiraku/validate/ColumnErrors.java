package io.hiraku.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The problems of one column (or of the file as a whole): how many, of which types, and the first
 * few as examples. Bounded: a file with 100,000 errors still makes a short receipt.
 */
public final class ColumnErrors {
    static final int EXAMPLES = 5;
    private final String column;
    private final Integer columnNumber;
    private long count;
    private final Map<String, Long> types = new TreeMap<>();
    private final List<Issue> examples = new ArrayList<>();

    ColumnErrors(String column, Integer columnNumber) {
        this.column = column;
        this.columnNumber = columnNumber;
    }

    void add(Issue issue) {
        count++;
        types.merge(issue.type(), 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(issue);
        }
    }

    /** The column's header label; empty for problems of the file as a whole. */
    public String getColumn() {
        return column;
    }

    public Integer getColumnNumber() {
        return columnNumber;
    }

    public long getCount() {
        return count;
    }

    public Map<String, Long> getTypes() {
        return types;
    }

    public List<Issue> getExamples() {
        return examples;
    }
}
