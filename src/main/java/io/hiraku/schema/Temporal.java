package io.hiraku.schema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A dataset's temporal coverage ({@code temporal: {start: 2024-04-01, end: 2025-03-31}}): the period its
 * rows speak of, ISO dates, either end may be left open. DCAT's {@code dct:temporal}, schema.org's
 * {@code temporalCoverage}; harvesters offer time-based search on it.
 */
public record Temporal(String start, String end) {

    /** Checks the dates; the message names what is wrong (the loader adds the file). */
    void check() {
        if (start == null && end == null) {
            throw new DefinitionException("temporal needs a start, an end or both (ISO dates such as 2024-04-01)");
        }
        LocalDate from = date("start", start);
        LocalDate to = date("end", end);
        if (from != null && to != null && to.isBefore(from)) {
            throw new DefinitionException("temporal ends (" + end + ") before it starts (" + start + ")");
        }
    }

    private static LocalDate date(String which, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new DefinitionException("temporal " + which + " '" + value + "' is not an ISO date such as 2024-04-01");
        }
    }

    /** ISO 8601 interval, open ends as {@code ..}: {@code 2024-04-01/2025-03-31}, {@code 2024-04-01/..}. */
    public String interval() {
        return (start == null ? ".." : start) + "/" + (end == null ? ".." : end);
    }
}
