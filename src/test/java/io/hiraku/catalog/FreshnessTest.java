package io.hiraku.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A dataset's next release is due one period after its last, with a quarter of the period as grace. */
class FreshnessTest {
    private static final Instant LAST = Instant.parse("2026-01-31T03:00:00Z"); // 2026-01-31 12:00 JST
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void aMonthlyDatasetIsDueAMonthLaterAndOverdueAWeekAfterThat() {
        Freshness onTime = Freshness.of("monthly", LAST, Instant.parse("2026-03-03T00:00:00Z"), TOKYO).orElseThrow();
        assertThat(onTime.expected()).isEqualTo(Instant.parse("2026-02-28T03:00:00Z")); // the last day of February
        assertThat(onTime.overdue()).isFalse();
        assertThat(Freshness.of("monthly", LAST, Instant.parse("2026-03-08T00:00:00Z"), TOKYO).orElseThrow().overdue()).isTrue();
    }

    @Test
    void aDailyDatasetGetsADayOfGrace() {
        assertThat(Freshness.of("daily", LAST, Instant.parse("2026-02-02T02:59:00Z"), TOKYO).orElseThrow().overdue()).isFalse();
        assertThat(Freshness.of("daily", LAST, Instant.parse("2026-02-02T03:01:00Z"), TOKYO).orElseThrow().overdue()).isTrue();
    }

    @Test
    void irregularAndUndeclaredDatasetsAreNeverOverdue() {
        Instant muchLater = Instant.parse("2030-01-01T00:00:00Z");
        assertThat(Freshness.of("irregular", LAST, muchLater, TOKYO)).isEmpty();
        assertThat(Freshness.of(null, LAST, muchLater, TOKYO)).isEmpty();
    }

    @Test
    void aMonthIsACalendarMonthInTheCatalogsTimeZone() {
        Instant lastOfJanuaryInTokyo = Instant.parse("2026-01-30T16:00:00Z");   // 2026-01-31 01:00 JST, still the 30th in UTC
        assertThat(Freshness.of("monthly", lastOfJanuaryInTokyo, lastOfJanuaryInTokyo, TOKYO).orElseThrow().expected())
                .isEqualTo(Instant.parse("2026-02-27T16:00:00Z"));   // 2026-02-28 01:00 JST: the end of February there
        assertThat(Freshness.of("monthly", lastOfJanuaryInTokyo, lastOfJanuaryInTokyo, ZoneId.of("UTC")).orElseThrow()
                .expected()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
    }
}
