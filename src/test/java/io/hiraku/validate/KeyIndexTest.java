package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
    @Test
    void answersExactlyAsAHashMapWouldOverManyKeysAndGrowths() {
        KeyIndex index = new KeyIndex();
        Map<String, Long> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (long row = 1; row <= 300_000; row++) {
            // a small key space, so that about a third of the keys repeat; Japanese, empty and long keys too
            int n = random.nextInt(200_000);
            String key = switch (n % 4) {
                case 0 -> "131016-" + n;
                case 1 -> "施設" + n;
                case 2 -> n % 1000 == 1 ? "" : "k" + n;
                default -> "長い鍵".repeat(n % 50) + n;
            };
            Long expected = reference.putIfAbsent(key, row);
            assertThat(index.putIfAbsent(key, row)).as("row %d key %s", row, key).isEqualTo(expected == null ? -1 : expected);
        }
        assertThat(index.size()).isEqualTo(reference.size());
    }

    @Test
    void keysWithTheSameHashAreStillTellApart() {
        // "Aa" and "BB" share String.hashCode; FNV differs, but the index never trusts a hash alone anyway
        KeyIndex index = new KeyIndex();
        assertThat(index.putIfAbsent("Aa", 1)).isEqualTo(-1);
        assertThat(index.putIfAbsent("BB", 2)).isEqualTo(-1);
        assertThat(index.putIfAbsent("Aa", 3)).isEqualTo(1);
        assertThat(index.putIfAbsent("BB", 4)).isEqualTo(2);
    }

    @Test
    void aKeyLargerThanAChunkIsKept() {
        KeyIndex index = new KeyIndex();
        String huge = "x".repeat(3 << 20);
        assertThat(index.putIfAbsent(huge, 1)).isEqualTo(-1);
        assertThat(index.putIfAbsent("small", 2)).isEqualTo(-1);
        assertThat(index.putIfAbsent(huge, 3)).isEqualTo(1);
    }

    /**
     * Past its memory the index goes on on disk: every repeat is still reported once, with the row its key
     * was first seen in, either at once (before the keys went to disk) or after the last row.
     */
    @Test
    void pastItsMemoryEveryRepeatIsStillFoundOnceWithItsFirstRow() throws Exception {
        Map<String, Long> reference = new HashMap<>();
        Map<Long, Long> expected = new HashMap<>(); // row -> first row of its key, for every repeat
        Map<Long, Long> found = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        java.nio.file.Path spillDir;
        try (KeyIndex index = new KeyIndex(3 << 20)) {
            for (long row = 1; row <= 300_000; row++) {
                int n = random.nextInt(200_000);
                String key = n % 3 == 0 ? "施設" + n : "131016-" + n;
                Long first = reference.putIfAbsent(key, row);
                if (first != null) {
                    expected.put(row, first);
                }
                long now = index.putIfAbsent(key, row, row + 1);
                if (now >= 0) {
                    found.put(row, now);
                }
                assertThat(index.memoryBytes()).as("memory at row %d", row).isLessThanOrEqualTo(3 << 20);
            }
            assertThat(index.spilled()).isTrue();
            assertThat(found).as("repeats found before the keys went to disk").isNotEmpty();
            for (KeyIndex.Repeat r : index.lateRepeats(Integer.MAX_VALUE)) {
                assertThat(found.put(r.row(), r.firstRow())).as("row %d reported twice", r.row()).isNull();
                assertThat(r.line()).isEqualTo(r.row() + 1);
                assertThat(reference.get(r.key())).isEqualTo(r.firstRow());
            }
            spillDir = index.spillDirectory();
            assertThat(spillDir).isDirectory();
        }
        assertThat(found).isEqualTo(expected);
        assertThat(spillDir).as("temporary files deleted on close").doesNotExist();
    }
}
