package io.hiraku.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a dataset's next release is due, from its declared update frequency and its last release, and
 * whether it is overdue (as data.gouv.fr marks datasets): a quarter of the period is allowed as grace,
 * at least a day. Irregular, continuous and never-updated datasets are never overdue.
 */
public record Freshness(Instant expected, boolean overdue) {
    /** @param zone the catalog's time zone: "monthly" is a calendar month there */
    public static Optional<Freshness> of(String updateFrequency, Instant lastRelease, Instant now, ZoneId zone) {
        Period period = UpdateFrequency.of(updateFrequency).flatMap(UpdateFrequency::period).orElse(null);
        if (period == null) {
            return Optional.empty();
        }
        ZonedDateTime last = lastRelease.atZone(zone);
        Instant expected = last.plus(period).toInstant();
        Duration length = Duration.between(last, last.plus(period));
        Duration grace = length.dividedBy(4).compareTo(Duration.ofDays(1)) < 0 ? Duration.ofDays(1) : length.dividedBy(4);
        return Optional.of(new Freshness(expected, now.isAfter(expected.plus(grace))));
    }
}
