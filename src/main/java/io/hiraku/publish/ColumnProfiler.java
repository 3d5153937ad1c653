package io.hiraku.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import io.hiraku.validate.Missing;
import io.hiraku.validate.RowSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The release's {@code profile.json}, for the catalog page: the first rows as published text (the
 * preview) and, per column, how many values and missing cells it has, how many distinct values,
 * min/max for ordered types and the most frequent values. Memory is bounded whatever the file size:
 * each column tracks at most {@link #TRACKED_VALUES} distinct values; once a column has more, its
 * distinct count is a lower bound and its top values are those counted up to then (flagged in the file).
 */
public final class ColumnProfiler implements RowSink {
    public static final String FILE_NAME = "profile.json";
    static final int PREVIEW_ROWS = 10;
    static final int TRACKED_VALUES = 5_000;
    private static final int TOP_VALUES = 5;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Field> fields;
    private final Column[] columns;
    private final List<String[]> preview = new ArrayList<>();
    private long rows;

    public ColumnProfiler(TableSchema schema) {
        this.fields = schema.fields();
        this.columns = new Column[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new Column();
        }
    }

    @Override
    public void accept(long rowNumber, Object[] values) {
        rows++;
        if (preview.size() < PREVIEW_ROWS) {
            String[] cells = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                cells[i] = PublishedText.of(fields.get(i), values[i]);
            }
            preview.add(cells);
        }
        for (int i = 0; i < values.length; i++) {
            columns[i].add(fields.get(i), values[i]);
        }
    }

    /** Writes {@code profile.json} into the release folder. */
    public PublishedFile finish(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("rows", rows);
        ArrayNode previewRows = root.putArray("preview");
        for (String[] cells : preview) {
            ArrayNode row = previewRows.addArray();
            for (String cell : cells) {
                row.add(cell);
            }
        }
        ArrayNode out = root.putArray("columns");
        for (int i = 0; i < columns.length; i++) {
            out.add(columns[i].toJson(fields.get(i).name()));
        }
        Path path = directory.resolve(FILE_NAME);
        JSON.writeValue(path.toFile(), root);
        return new PublishedFile(path, FILE_NAME, null, Files.size(path), Sha256.of(path));
    }

    /** What one column has seen so far. */
    private static final class Column {
        private long count;
        private long missing;
        private final Map<String, long[]> markers = new HashMap<>();
        private final Map<String, long[]> values = new HashMap<>();
        private boolean capped;
        private Comparable<Object> min;
        private Comparable<Object> max;

        void add(Field field, Object value) {
            if (value == null || value instanceof Missing) {
                missing++;
                if (value instanceof Missing m && (markers.size() < 20 || markers.containsKey(m.marker()))) {
                    markers.computeIfAbsent(m.marker(), k -> new long[1])[0]++;
                }
                return;
            }
            count++;
            if (!capped) {
                // values are counted until a column has more distinct ones than are tracked; after that
                // only count, missing and range go on (a name or id column costs no hashing per cell)
                String text = PublishedText.of(field, value);
                long[] seen = values.get(text);
                if (seen != null) {
                    seen[0]++;
                } else if (values.size() < TRACKED_VALUES) {
                    values.put(text, new long[] {1});
                } else {
                    capped = true;
                }
            }
            Comparable<Object> key = ordered(value);
            if (key != null) {
                if (min == null || key.compareTo(min) < 0) {
                    min = key;
                }
                if (max == null || key.compareTo(max) > 0) {
                    max = key;
                }
            }
        }

        /** Numbers, dates and times are ordered; text, booleans and geometry are not. */
        @SuppressWarnings("unchecked")
        private static Comparable<Object> ordered(Object value) {
            if (value instanceof BigDecimal d) {
                return (Comparable<Object>) (Comparable<?>) d;
            }
            if (value instanceof Long l) {
                return (Comparable<Object>) (Comparable<?>) BigDecimal.valueOf(l);
            }
            if (value instanceof Integer n) {
                return (Comparable<Object>) (Comparable<?>) BigDecimal.valueOf(n);
            }
            if (value instanceof BigInteger b) {
                return (Comparable<Object>) (Comparable<?>) new BigDecimal(b);
            }
            if (value instanceof java.time.temporal.Temporal && value instanceof Comparable<?> c) {
                return (Comparable<Object>) c;
            }
            return null;
        }

        ObjectNode toJson(String name) {
            ObjectNode c = JSON.createObjectNode();
            c.put("name", name);
            c.put("count", count);
            c.put("missing", missing);
            if (!markers.isEmpty()) {
                ObjectNode m = c.putObject("missingMarkers");
                markers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> m.put(e.getKey(), e.getValue()[0]));
            }
            c.put("distinct", values.size());
            c.put("distinctIsLowerBound", capped);
            if (min != null) {
                c.put("min", text(min));
                c.put("max", text(max));
            }
            ArrayNode top = c.putArray("top");
            values.entrySet().stream()
                    .filter(e -> e.getValue()[0] > 1 || values.size() <= TOP_VALUES)
                    .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .limit(TOP_VALUES)
                    .forEach(e -> top.addObject().put("value", e.getKey()).put("count", e.getValue()[0]));
            return c;
        }

        private static String text(Object value) {
            return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        }
    }
}
