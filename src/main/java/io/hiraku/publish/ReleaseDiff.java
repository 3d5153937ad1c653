package io.hiraku.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two releases of a dataset, row by row: rows added, removed and changed (with the
 * changed columns), matched by primary key, or by the whole row when there is none (then a change shows
 * as one removal and one addition); and the columns added or removed. Both tables are sorted on disk
 * and walked side by side, so memory does not grow with their size.
 */
public final class ReleaseDiff {
    static final int EXAMPLES = 5;

    /** The changes, as {@code changes.json} publishes them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Changes(
            String release,
            String previousRelease,
            List<String> key,
            long added,
            long removed,
            long changed,
            long unchanged,
            List<String> addedColumns,
            List<String> removedColumns,
            List<Map<String, String>> addedExamples,
            List<Map<String, String>> removedExamples,
            List<ChangedRow> changedExamples) {

        /** A one-line account for release notes and feeds. */
        public String summary() {
            String columns = (addedColumns.isEmpty() ? "" : "; columns added: " + String.join(", ", addedColumns))
                    + (removedColumns.isEmpty() ? "" : "; columns removed: " + String.join(", ", removedColumns));
            return added + " added, " + removed + " removed, " + changed + " changed" + columns;
        }
    }

    /** A changed row: its key and, per changed column, the old and the new value. */
    public record ChangedRow(String key, Map<String, List<String>> columns) {
    }

    private ReleaseDiff() {
    }

    /**
     * @param previous the previous release's CSV (the published one), {@code current} the new one
     * @param primaryKey the key's columns; empty to match whole rows
     */
    public static Changes of(String previousRelease, Path previous, String release, Path current,
                             List<String> primaryKey, Path workDir) throws IOException {
        boolean keyed = !primaryKey.isEmpty() && header(previous).containsAll(primaryKey)
                && header(current).containsAll(primaryKey);
        List<String> key = keyed ? primaryKey : List.of();
        try (InputStream previousIn = Files.newInputStream(previous);
             InputStream currentIn = Files.newInputStream(current);
             SortedRows before = SortedRows.of(previousIn, key, workDir);
             SortedRows after = SortedRows.of(currentIn, key, workDir)) {
            List<String> oldColumns = before.header();
            List<String> newColumns = after.header();
            List<String> addedColumns = newColumns.stream().filter(c -> !oldColumns.contains(c)).toList();
            List<String> removedColumns = oldColumns.stream().filter(c -> !newColumns.contains(c)).toList();
            long added = 0;
            long removed = 0;
            long changed = 0;
            long unchanged = 0;
            List<Map<String, String>> addedExamples = new ArrayList<>();
            List<Map<String, String>> removedExamples = new ArrayList<>();
            List<ChangedRow> changedExamples = new ArrayList<>();
            SortedRows.Row a = before.next();
            SortedRows.Row b = after.next();
            while (a != null || b != null) {
                int order = a == null ? 1 : b == null ? -1 : a.key().compareTo(b.key());
                if (order < 0) {
                    removed++;
                    example(removedExamples, oldColumns, a);
                    a = before.next();
                } else if (order > 0) {
                    added++;
                    example(addedExamples, newColumns, b);
                    b = after.next();
                } else {
                    Map<String, List<String>> differences = differences(oldColumns, a.cells(), newColumns, b.cells());
                    if (differences.isEmpty()) {
                        unchanged++;
                    } else {
                        changed++;
                        if (changedExamples.size() < EXAMPLES) {
                            changedExamples.add(new ChangedRow(b.key().replace('\u0002', ','), differences));
                        }
                    }
                    a = before.next();
                    b = after.next();
                }
            }
            return new Changes(release, previousRelease, key, added, removed, changed,
                    unchanged, addedColumns, removedColumns, addedExamples, removedExamples, changedExamples);
        }
    }

    private static List<String> header(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getHeaderNames();
        }
    }

    private static void example(List<Map<String, String>> examples, List<String> columns, SortedRows.Row row) {
        if (examples.size() >= EXAMPLES) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size() && i < row.cells().length; i++) {
            values.put(columns.get(i), row.cells()[i]);
        }
        examples.add(values);
    }

    /** The columns both tables have whose values differ: column → [old, new]. */
    private static Map<String, List<String>> differences(List<String> oldColumns, String[] oldCells,
                                                         List<String> newColumns, String[] newCells) {
        Map<String, List<String>> differences = new LinkedHashMap<>();
        for (int i = 0; i < newColumns.size(); i++) {
            int j = oldColumns.indexOf(newColumns.get(i));
            if (j >= 0 && !oldCells[j].equals(newCells[i])) {
                differences.put(newColumns.get(i), List.of(oldCells[j], newCells[i]));
            }
        }
        return differences;
    }
}
