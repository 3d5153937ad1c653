package io.hiraku.normalize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a calendar date written the ways Japanese public data writes it and returns it as ISO 8601:
 * {@code 2024-04-01}, {@code 2024/4/1}, {@code 2024.4.1}, {@code 2024年4月1日}, and 和暦 such as
 * {@code 令和6年4月1日}, {@code 令和元年5月1日}, {@code R6.4.1}, {@code H31/4/30}, {@code 昭和64年1月7日},
 * with full-width digits. Era boundaries are checked: 平成31年5月1日 does not exist.
 *
 * <p>A single left-to-right scan, no regular expressions: this runs on every date cell.
 */
public final class DateParser {
    private DateParser() {
    }

    public static LocalDate parse(String raw, NormalizationCounts counts) throws InvalidValueException {
        return parse(raw, counts, null);
    }

    /**
     * As {@link #parse(String, NormalizationCounts)}, also accepting the definition's own pattern
     * (e.g. {@code %m/%d/%Y} for a column Excel wrote in US order).
     */
    public static LocalDate parse(String raw, NormalizationCounts counts, DateTimeFormatter declared)
            throws InvalidValueException {
        try {
            return parseJapaneseOrIso(raw, counts);
        } catch (InvalidValueException e) {
            if (declared == null || !"type-date".equals(e.code())) {
                throw withoutDay(raw, e);
            }
            try {
                LocalDate date = LocalDate.parse(HalfWidth.trim(HalfWidth.of(raw)), declared);
                counts.add(Normalization.DATE_FORMAT);
                return date;
            } catch (DateTimeParseException notDeclared) {
                throw withoutDay(raw, e);
            }
        }
    }

    private static LocalDate parseJapaneseOrIso(String raw, NormalizationCounts counts) throws InvalidValueException {
        String trimmed = HalfWidth.normalized(raw, counts);
        if (trimmed.indexOf('年') > 0 && trimmed.indexOf(' ') > 0) {
            trimmed = trimmed.replace(" ", "");
        }
        Scanner s = new Scanner(trimmed);
        int era = s.era();
        int year = era >= 0 && s.consume('元') ? 1 : s.number(era >= 0 ? 2 : 4, era >= 0 ? 1 : 4);
        char yearSep = s.separator('年');
        int month = s.number(2, 1);
        char monthSep = s.separator('月');
        if (yearSep != monthSep && !(yearSep == '年' && monthSep == '月')) {
            s.fail();
        }
        int day = s.number(2, 1);
        if (yearSep == '年') {
            s.consume('日');
        }
        if (!s.atEnd() || year < 0 || month < 0 || day < 0) {
            throw notADate(raw);
        }
        if (era >= 0) {
            counts.add(Normalization.WAREKI);
            try {
                return LocalDate.from(JapaneseDate.of(Wareki.ERAS[era], year, month, day));
            } catch (DateTimeException e) {
                throw new InvalidValueException("wareki-out-of-era",
                        "「" + raw + "」は" + Wareki.NAMES[era] + "の期間外か、存在しない日付です",
                        "'" + raw + "' is outside the " + Wareki.ERAS[era] + " era or is not a real date");
            }
        }
        if (!(yearSep == '-' && trimmed.length() == 10)) {
            counts.add(Normalization.DATE_FORMAT);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new InvalidValueException("date-invalid",
                    "「" + raw + "」は存在しない日付です", "'" + raw + "' is not a real date");
        }
    }

    /** A year and month with no day is its own mistake: say so, and what to declare instead. */
    private static InvalidValueException withoutDay(String raw, InvalidValueException e) {
        if (!"type-date".equals(e.code())) {
            return e;
        }
        try {
            PartialDateParser.parseYearMonth(raw, new NormalizationCounts());
            return new InvalidValueException("date-without-day",
                    "「" + raw + "」には日がありません。日まで書くか、データセット定義でこの列の型を yearmonth にしてください",
                    "'" + raw + "' has no day; write the day, or declare the column as yearmonth");
        } catch (InvalidValueException notYearMonth) {
            return e;
        }
    }

    private static InvalidValueException notADate(String raw) {
        return new InvalidValueException("type-date",
                "「" + raw + "」は日付として読めません（例: 2024-04-01、令和6年4月1日、R6.4.1）",
                "'" + raw + "' is not a date (write e.g. 2024-04-01, 令和6年4月1日 or R6.4.1)");
    }

    /** Cursor over the value; any mismatch leaves it failed, and the caller reports the whole value. */
    private static final class Scanner {
        private final String s;
        private int pos;
        private boolean failed;

        Scanner(String s) {
            this.s = s;
        }

        int era() {
            int[] era = Wareki.eraAt(s, pos);
            if (era == null) {
                return -1;
            }
            pos += era[1];
            return era[0];
        }

        boolean consume(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        int number(int maxDigits, int minDigits) {
            int start = pos;
            int n = 0;
            while (pos < s.length() && pos - start < maxDigits && Character.isDigit(s.charAt(pos))
                    && s.charAt(pos) < 0x80) {
                n = n * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            if (pos - start < minDigits || failed) {
                failed = true;
                return -1;
            }
            return n;
        }

        char separator(char kanji) {
            if (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == kanji || c == '-' || c == '/' || c == '.') {
                    pos++;
                    return c == kanji ? '年' : c;
                }
            }
            failed = true;
            return 0;
        }

        void fail() {
            failed = true;
        }

        boolean atEnd() {
            return !failed && pos == s.length();
        }
    }
}
