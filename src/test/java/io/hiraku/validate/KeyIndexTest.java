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
}
