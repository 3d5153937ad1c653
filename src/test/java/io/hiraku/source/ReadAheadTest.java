package io.hiraku.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    @Test
    void givesEveryRowInOrderAcrossBatches() {
        List<Long> got = new ArrayList<>();
        try (ReadAhead<Long> ahead = ReadAhead.of(LongStream.rangeClosed(1, 10_007).iterator(), 256, 4, "test")) {
            ahead.forEachRemaining(got::add);
        }
        assertThat(got).hasSize(10_007).startsWith(1L, 2L).endsWith(10_007L).isSorted();
    }

    @Test
    void whatTheReaderThrowsReachesTheCallerAfterTheRowsBeforeIt() {
        Iterator<Integer> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (n == 600) {
                    throw new MalformedTableException(601, "壊れた行", "broken row", null);
                }
                return n++;
            }
        };
        List<Integer> got = new ArrayList<>();
        try (ReadAhead<Integer> ahead = ReadAhead.of(failing, 256, 4, "test")) {
            assertThatThrownBy(() -> ahead.forEachRemaining(got::add))
                    .isInstanceOf(MalformedTableException.class).hasMessageContaining("broken row");
        }
        assertThat(got).hasSize(600);
    }

    @Test
    void closingEarlyStopsTheReaderThread() {
        Iterator<Long> endless = LongStream.iterate(0, i -> i + 1).iterator();
        ReadAhead<Long> ahead = ReadAhead.of(endless, 16, 2, "endless");
        assertThat(ahead.next()).isZero();
        ahead.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("hiraku-read-ahead endless"));
    }
}
