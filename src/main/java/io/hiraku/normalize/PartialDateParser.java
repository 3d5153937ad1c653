package io.hiraku.normalize;

import java.time.Year;
import java.time.YearMonth;

/**
 * Years and year-months as Japanese public data writes them: {@code 2024}, {@code 2024年}, {@code 令和6年},
 * {@code R6}, {@code 令和元年}, {@code 平成１０年}; {@code 2024-04}, {@code 2024/4}, {@code 2024年4月},
 * {@code 令和6年4月}, {@code R6.4}. A 年度 (fiscal year, from April) such as {@code 令和6年度} reads as its
 * first year, 2024; in a column declared {@code normalize: fiscal-year-range} it reads as the ISO 8601
 * interval of that fiscal year, {@code 2024-04-01/2025-03-31}.
 */
public final class PartialDateParser {
    private PartialDateParser() {
    }

    public static Year parseYear(String raw, NormalizationCounts counts) throws InvalidValueException {
        Integer year = wholeYear(raw, counts);
        if (year == null) {
            throw new InvalidValueException("type-year",
                    "「" + raw + "」は年として読めません（例: 2024、令和6年、R6、令和6年度）",
                    "'" + raw + "' is not a year (write e.g. 2024, 令和6年, R6 or 令和6年度)");
        }
        return Year.of(year);
    }

    /**
     * A 年度 as the ISO 8601 interval from 1 April to 31 March: {@code 令和6年度}, {@code R6年度},
     * {@code 2024年度}, {@code 平成31年度}, {@code 令和元年度}, and a bare year ({@code 2024}, {@code 令和6年})
     * in a column that holds fiscal years.
     */
    public static String parseFiscalYearRange(String raw, NormalizationCounts counts) throws InvalidValueException {
        Integer year = wholeYear(raw, counts);
        if (year == null) {
            throw new InvalidValueException("type-fiscal-year",
                    "「" + raw + "」は年度として読めません（例: 令和6年度、R6年度、2024年度）",
                    "'" + raw + "' is not a fiscal year (write e.g. 令和6年度, R6年度 or 2024年度)");
        }
        counts.add(Normalization.FISCAL_YEAR);
        return year + "-04-01/" + (year + 1) + "-03-31";
    }

    /** The Gregorian year of a value that is only a year, optionally followed by 年 or 年度; null otherwise. */
    private static Integer wholeYear(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        int[] parsed = yearPrefix(s, counts);
        if (parsed == null) {
            return null;
        }
        int end = parsed[1];
        if (s.startsWith("年度", end)) {
            end += 2;
        } else if (s.startsWith("年", end)) {
            end += 1;
        }
        return end == s.length() ? parsed[0] : null;
    }

    public static YearMonth parseYearMonth(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        int[] parsed = yearPrefix(s, counts);
        InvalidValueException invalid = new InvalidValueException("type-yearmonth",
                "「" + raw + "」は年月として読めません（例: 2024-04、令和6年4月、R6.4）",
                "'" + raw + "' is not a year and month (write e.g. 2024-04, 令和6年4月 or R6.4)");
        if (parsed == null) {
            throw invalid;
        }
        int pos = parsed[1];
        boolean kanji = s.startsWith("年", pos);
        if (pos >= s.length() || !(kanji || "-/.".indexOf(s.charAt(pos)) >= 0)) {
            throw invalid;
        }
        pos++;
        int start = pos;
        while (pos < s.length() && pos - start < 2 && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 0x80) {
            pos++;
        }
        if (pos == start) {
            throw invalid;
        }
        int month = Integer.parseInt(s.substring(start, pos));
        if (kanji && s.startsWith("月", pos)) {
            pos++;
        }
        if (pos != s.length() || month < 1 || month > 12) {
            throw invalid;
        }
        if (!(s.length() == 7 && s.charAt(4) == '-')) {
            counts.add(Normalization.DATE_FORMAT);
        }
        return YearMonth.of(parsed[0], month);
    }

    /** A Gregorian year (4 digits) or an era year at the start: {year, position after it}; null if none. */
    private static int[] yearPrefix(String s, NormalizationCounts counts) throws InvalidValueException {
        int[] era = Wareki.eraAt(s, 0);
        int pos = era == null ? 0 : era[1];
        int yearOfEra;
        if (era != null && s.startsWith("元", pos)) {
            yearOfEra = 1;
            pos++;
        } else {
            int start = pos;
            int max = era == null ? 4 : 2;
            while (pos < s.length() && pos - start < max && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 0x80) {
                pos++;
            }
            if (pos == start || (era == null && pos - start != 4)) {
                return null;
            }
            yearOfEra = Integer.parseInt(s.substring(start, pos));
        }
        if (era == null) {
            return new int[] {yearOfEra, pos};
        }
        int year = Wareki.gregorian(era[0], yearOfEra);
        if (year < 0) {
            throw new InvalidValueException("wareki-out-of-era",
                    "「" + s + "」の" + Wareki.NAMES[era[0]] + yearOfEra + "年は存在しません",
                    "'" + s + "': " + Wareki.ERAS[era[0]] + " has no year " + yearOfEra);
        }
        counts.add(Normalization.WAREKI);
        return new int[] {year, pos};
    }
}
