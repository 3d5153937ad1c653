package io.hiraku.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rows that are not data and were left out of the table, by reason, with their lines as ranges
 * ("24, 30–35"), so the receipt can say exactly what was skipped and why: nothing is dropped silently.
 */
public final class SkippedRows {
    /** Why a row was left out. */
    public enum Reason {
        BLANK("空行", "blank rows"),
        DEFINITION("データセット定義で除外した行", "rows the dataset definition leaves out"),
        MERGED("前の行の続き（前の行に結合）", "continuations merged into the row before"),
        TITLE("見出し行より上のタイトル行", "title rows above the header"),
        ID_ONLY("表の末尾の番号だけの行", "rows with only a number, below the data"),
        TOTAL("表の末尾の合計・確認用の行", "total or check rows below the data"),
        NOTE("表の末尾の注記", "notes below the data");

        private final String ja;
        private final String en;

        Reason(String ja, String en) {
            this.ja = ja;
            this.en = en;
        }

        public String ja() {
            return ja;
        }

        public String en() {
            return en;
        }
    }

    /** One reason's rows: how many and where. */
    public record Entry(Reason reason, long count, String lines) {
    }

    private final Map<Reason, List<long[]>> ranges = new EnumMap<>(Reason.class);
    private final Map<Reason, Long> counts = new EnumMap<>(Reason.class);

    public void add(Reason reason, long line) {
        counts.merge(reason, 1L, Long::sum);
        List<long[]> list = ranges.computeIfAbsent(reason, r -> new ArrayList<>());
        long[] last = list.isEmpty() ? null : list.get(list.size() - 1);
        if (last != null && line <= last[1] + 1 && line >= last[0]) {
            last[1] = Math.max(last[1], line);
        } else if (list.size() < 200) {
            list.add(new long[] {line, line});
        }
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(Reason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        ranges.forEach((reason, list) -> {
            StringBuilder lines = new StringBuilder();
            for (long[] r : list) {
                if (lines.length() > 0) {
                    lines.append(", ");
                }
                lines.append(r[0]);
                if (r[1] > r[0]) {
                    lines.append('–').append(r[1]);
                }
            }
            entries.add(new Entry(reason, counts.get(reason), lines.toString()));
        });
        return entries;
    }
}
