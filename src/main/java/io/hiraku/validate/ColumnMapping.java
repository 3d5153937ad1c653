package io.hiraku.validate;

import io.hiraku.normalize.HalfWidth;
import io.hiraku.schema.Field;
import io.hiraku.schema.TableSchema;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which file column feeds each schema field: by header cell (matching the field's name or title,
 * ignoring full-width/half-width differences and surrounding spaces) or, for files without a header,
 * by position.
 */
final class ColumnMapping {
    private final int[] columnOfField;
    private final String[] headerLabels;
    private final int width;
    private final int[] unnamed;
    private final long headerLine;

    private ColumnMapping(int[] columnOfField, String[] headerLabels, int width, int[] unnamed, long headerLine) {
        this.columnOfField = columnOfField;
        this.headerLabels = headerLabels;
        this.width = width;
        this.unnamed = unnamed;
        this.headerLine = headerLine;
    }

    /** Maps the header; problems (unknown, missing or repeated columns) go to the report. */
    static ColumnMapping of(TableSchema schema, Map<String, Integer> columnNumbers, Optional<List<String>> header,
                            long headerLine, ValidationReport report) {
        List<Field> fields = schema.fields();
        int[] columnOfField = new int[fields.size()];
        if (header.isEmpty()) {
            String[] labels = fields.stream().map(Field::label).toArray(String[]::new);
            for (int i = 0; i < columnOfField.length; i++) {
                columnOfField[i] = i;
            }
            return new ColumnMapping(columnOfField, labels, fields.size(), new int[0], 0);
        }
        List<String> cells = new ArrayList<>(header.get());
        Arrays.fill(columnOfField, -1);
        boolean[] placed = new boolean[Math.max(cells.size(), 1 + columnNumbers.values().stream()
                .mapToInt(Integer::intValue).max().orElse(0))];
        columnNumbers.forEach((name, number) -> {
            int f = schema.indexOf(name);
            if (f >= 0 && number >= 1) {
                columnOfField[f] = number - 1;
                placed[number - 1] = true;
                while (cells.size() < number) {
                    cells.add("");
                }
                if (cells.get(number - 1).isBlank()) {
                    cells.set(number - 1, fields.get(f).label());
                }
            }
        });
        List<Integer> unnamed = new ArrayList<>();
        List<Integer> extras = new ArrayList<>();
        for (int col = 0; col < cells.size(); col++) {
            if (placed[col]) {
                continue;
            }
            String label = key(cells.get(col));
            if (label.isEmpty()) {
                unnamed.add(col);
                continue;
            }
            int match = -1;
            for (int f = 0; f < fields.size() && match < 0; f++) {
                Field field = fields.get(f);
                if (label.equals(key(field.name())) || (field.title() != null && label.equals(key(field.title())))) {
                    match = f;
                }
            }
            if (match < 0) {
                extras.add(col);
            } else if (columnOfField[match] >= 0) {
                report.add(new Issue("duplicate-label", headerLine, null, col + 1, cells.get(col),
                        fields.get(match).name(), cells.get(col),
                        "見出し「" + cells.get(col) + "」が2回あります（" + (columnOfField[match] + 1) + "列目と"
                                + (col + 1) + "列目）",
                        "the header '" + cells.get(col) + "' appears twice (columns " + (columnOfField[match] + 1)
                                + " and " + (col + 1) + ")"));
            } else {
                columnOfField[match] = col;
            }
        }
        Map<Integer, Integer> renamed = renamed(columnOfField, extras, cells.size());
        for (int col : extras) {
            Integer f = renamed.get(col);
            if (f != null) {
                Field field = fields.get(f);
                report.add(new Issue("renamed-label", headerLine, null, col + 1, cells.get(col), field.name(),
                        cells.get(col),
                        (col + 1) + "列目の見出し「" + cells.get(col) + "」は、データセット定義では「" + field.label()
                                + "」です。見出しを「" + field.label() + "」に戻してください（別の項目に変えたのなら、"
                                + "オープンデータ担当に定義の変更を頼んでください）",
                        "column " + (col + 1) + " is headed '" + cells.get(col) + "' where the dataset definition has '"
                                + field.label() + "' (" + field.name() + "): put the header back to '" + field.label()
                                + "' (if the column holds something else now, ask the open-data team to change the "
                                + "definition)"));
            } else {
                report.add(new Issue("extra-label", headerLine, null, col + 1, cells.get(col), null, cells.get(col),
                        (col + 1) + "列目の見出し「" + cells.get(col) + "」はデータセット定義にありません。"
                                + "定義に項目を追加するか、列を削除してください",
                        "column " + (col + 1) + " '" + cells.get(col) + "' is not in the dataset definition; "
                                + "add the field to the definition or remove the column"));
            }
        }
        for (int f = 0; f < fields.size(); f++) {
            if (columnOfField[f] < 0 && !renamed.containsValue(f)) {
                Field field = fields.get(f);
                report.add(new Issue("missing-label", headerLine, null, null, field.label(), field.name(), null,
                        "列「" + field.label() + "」（" + field.name() + "）がファイルにありません",
                        "the column '" + field.label() + "' (" + field.name() + ") is missing from the file"));
            }
        }
        checkOrder(fields, columnOfField, columnNumbers, headerLine, report);
        return new ColumnMapping(columnOfField, cells.toArray(String[]::new), cells.size(),
                unnamed.stream().mapToInt(Integer::intValue).toArray(), headerLine);
    }

    /**
     * Header cells that are most likely a field's column under another heading (a title retyped, 設置位置 saved as
     * 設置場所): between the columns of two fields the file has, exactly one unknown heading where exactly one field
     * is missing. By the unknown heading's column, the field it stands where. The column is still not read as that
     * field (it may hold something else now); the receipt says the two problems as one, with the likely fix.
     */
    static Map<Integer, Integer> renamed(int[] columnOfField, List<Integer> extras, int width) {
        Map<Integer, Integer> renamed = new java.util.HashMap<>();
        int f = 0;
        while (f < columnOfField.length) {
            if (columnOfField[f] >= 0) {
                f++;
                continue;
            }
            int before = f - 1; // the gap of missing fields from f, and the columns of the fields around it
            int after = f;
            while (after < columnOfField.length && columnOfField[after] < 0) {
                after++;
            }
            int from = before >= 0 ? columnOfField[before] : -1;
            int to = after < columnOfField.length ? columnOfField[after] : width;
            List<Integer> between = extras.stream().filter(c -> c > from && c < to).toList();
            if (after - f == 1 && between.size() == 1) {
                renamed.put(between.get(0), f);
            }
            f = after;
        }
        return renamed;
    }

    /**
     * The columns the file and the definition share must come in the definition's order: a reordered
     * file is schema drift (a standard layout, or a downstream user, relies on the order).
     */
    private static void checkOrder(List<Field> fields, int[] columnOfField, Map<String, Integer> columnNumbers,
                                   long headerLine, ValidationReport report) {
        List<String> expected = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            if (columnOfField[f] >= 0 && !columnNumbers.containsKey(fields.get(f).name())) {
                expected.add(fields.get(f).label());
                positions.add(columnOfField[f]);
            }
        }
        List<Integer> sorted = new ArrayList<>(positions);
        sorted.sort(null);
        if (sorted.equals(positions)) {
            return;
        }
        List<String> actual = new ArrayList<>();
        for (int p : sorted) {
            actual.add(expected.get(positions.indexOf(p)));
        }
        int first = 0;
        while (expected.get(first).equals(actual.get(first))) {
            first++;
        }
        report.add(new Issue("schema-drift-order", headerLine, null, sorted.get(first) + 1, actual.get(first), null,
                null,
                "列の順番がデータセット定義と違います（" + (sorted.get(first) + 1) + "列目から）。定義の順: "
                        + String.join("、", expected.subList(first, Math.min(expected.size(), first + 6)))
                        + " …／ファイルの順: " + String.join("、", actual.subList(first, Math.min(actual.size(), first + 6))) + " …",
                "the columns are not in the definition's order (from column " + (sorted.get(first) + 1)
                        + "). Definition: " + String.join(", ", expected.subList(first, Math.min(expected.size(), first + 6)))
                        + " … / file: " + String.join(", ", actual.subList(first, Math.min(actual.size(), first + 6))) + " …"));
    }

    int column(int field) {
        return columnOfField[field];
    }

    String label(int column) {
        return column < headerLabels.length ? headerLabels[column] : null;
    }

    /** Columns whose header cell is empty (merged cells, spare columns): they must stay empty. */
    int[] unnamed() {
        return unnamed;
    }

    int width() {
        return width;
    }

    /** Where the row width comes from, as a receipt says it: the header's line, or the definition's fields. */
    String widthJa() {
        return headerLine > 0 ? "見出し（" + headerLine + "行目）は " + width + " 列"
                : "データセット定義の項目は " + width + " 個。このファイルは見出し行なしで読みます";
    }

    String widthEn() {
        return headerLine > 0 ? "the header (line " + headerLine + ") has " + width
                : "the dataset definition has " + width + " fields (this file is read without a header row)";
    }

    /** A heading or field name as they are matched: NFKC, trimmed, lowercase. */
    static String key(String s) {
        return HalfWidth.trim(Normalizer.normalize(s, Normalizer.Form.NFKC)).toLowerCase(java.util.Locale.ROOT);
    }
}
