package io.hiraku.catalog;

import java.time.Period;
import java.util.Locale;
import java.util.Optional;

/**
 * The update frequencies a definition's {@code updateFrequency} may name, with what each says in the
 * vocabularies that carry it: the EU frequency authority code (DCAT), the ISO 8601 repeating duration
 * of DCAT-US ({@code data.json}), and the period after which the next release is due (freshness).
 */
enum UpdateFrequency {
    DAILY("DAILY", Period.ofDays(1), "R/P1D"),
    WEEKLY("WEEKLY", Period.ofWeeks(1), "R/P1W"),
    MONTHLY("MONTHLY", Period.ofMonths(1), "R/P1M"),
    QUARTERLY("QUARTERLY", Period.ofMonths(3), "R/P3M"),
    ANNUAL("ANNUAL", Period.ofYears(1), "R/P1Y"),
    IRREGULAR("IRREG", null, "irregular"),
    CONTINUOUS("UPDATE_CONT", null, null),
    NEVER("NEVER", null, null);

    private final String euCode;
    private final Period period;
    private final String iso8601;

    UpdateFrequency(String euCode, Period period, String iso8601) {
        this.euCode = euCode;
        this.period = period;
        this.iso8601 = iso8601;
    }

    /** The frequency a definition names ({@code monthly}, any case); empty if none or unknown. */
    static Optional<UpdateFrequency> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    String euCode() {
        return euCode;
    }

    /** The time between releases, or empty for irregular, continuous and never-updated datasets. */
    Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /** The DCAT-US {@code accrualPeriodicity}, or empty where it has none. */
    Optional<String> iso8601() {
        return Optional.ofNullable(iso8601);
    }
}
