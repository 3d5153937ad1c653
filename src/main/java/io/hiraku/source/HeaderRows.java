package io.hiraku.source;

import io.hiraku.normalize.HalfWidth;
import java.util.ArrayList;
import java.util.List;

/**
 * Column labels from a header of one or more rows. In every row but the last, a label is carried to
 * the right over empty cells (a merged cell spanning columns); each column's label joins the distinct
 * parts from top to bottom with the definition's {@code headerJoin} ({@code _} unless it says otherwise). A lower cell left empty by a vertical merge takes the label
 * above it.
 */
final class HeaderRows {
    private HeaderRows() {
    }

    static List<String> labels(List<RawRow> rows, String join) {
        if (rows.size() == 1) {
            return List.of(rows.get(0).cells());
        }
        int width = rows.stream().mapToInt(r -> r.cells().length).max().orElse(0);
        String[][] parts = new String[rows.size()][width];
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r).cells();
            String carried = "";
            for (int c = 0; c < width; c++) {
                String cell = c < cells.length ? HalfWidth.trim(cells[c]) : "";
                boolean lastRow = r == rows.size() - 1;
                if (!cell.isEmpty()) {
                    carried = cell;
                }
                parts[r][c] = lastRow ? cell : carried;
            }
        }
        List<String> labels = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            List<String> joined = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                String part = parts[r][c];
                if (!part.isEmpty() && !joined.contains(part)) {
                    joined.add(part);
                }
            }
            labels.add(String.join(join, joined));
        }
        return labels;
    }
}
