package io.hiraku.normalize;

import java.util.EnumMap;
import java.util.Map;

/** How many cells of one column each normalization changed. */
public final class NormalizationCounts {
    private final long[] counts = new long[Normalization.values().length];

    public void add(Normalization kind) {
        counts[kind.ordinal()]++;
    }

    public boolean isEmpty() {
        for (long c : counts) {
            if (c > 0) {
                return false;
            }
        }
        return true;
    }

    public Map<Normalization, Long> asMap() {
        Map<Normalization, Long> map = new EnumMap<>(Normalization.class);
        for (Normalization n : Normalization.values()) {
            if (counts[n.ordinal()] > 0) {
                map.put(n, counts[n.ordinal()]);
            }
        }
        return map;
    }
}
