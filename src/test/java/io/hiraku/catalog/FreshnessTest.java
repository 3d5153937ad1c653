package io.hiraku.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A dataset's next release is due one period after its last, with a quarter of the period as grace. */
class FreshnessTest {
    private static final Instant LAST = Instant.parse("2026-01-31T03:00:00Z"); // 2026-01-31 12:00 JST

    @Test
    void aMonthlyDatasetIsDueAMonthLaterAndOverdueAWeekAfterThat() {
        Freshness onTime = Freshness.of("monthly", LAST, Instant.parse("2026-03-03T00:00:00Z")).orElseThrow();
        assertThat(onTime.expected()).isEqualTo(Instant.parse("2026-02-28T03:00:00Z")); // the last day of February
        assertThat(onTime.overdue()).isFalse();
        assertThat(Freshness.of("monthly", LAST, Instant.parse("2026-03-08T00:00:00Z")).orElseThrow().overdue()).isTrue();
    }

    @Test
    void aDailyDatasetGetsADayOfGrace() {
        assertThat(Freshness.of("daily", LAST, Instant.parse("2026-02-02T02:59:00Z")).orElseThrow().overdue()).isFalse();
        assertThat(Freshness.of("daily", LAST, Instant.parse("2026-02-02T03:01:00Z")).orElseThrow().overdue()).isTrue();
    }

    @Test
    void irregularAndUndeclaredDatasetsAreNeverOverdue() {
        Instant muchLater = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(Freshness.of("irregular", LAST, muchLater)).isEmpty();
        assertThat(Freshness.of(null, LAST, muchLater)).isEmpty();
    }
}
