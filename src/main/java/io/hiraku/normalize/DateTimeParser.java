package io.hiraku.normalize;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Date and time together: {@code 2024-04-01T09:30:00}, {@code 2024/4/1 9:30}, {@code 令和6年4月1日 9時30分},
 * with an optional {@code Z} or {@code +09:00}. Returned as ISO 8601 text; a time without a zone stays
 * local (as the department wrote it).
 */
public final class DateTimeParser {
    private DateTimeParser() {
    }

    public static String parse(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        int split = s.indexOf('T') > 0 ? s.indexOf('T') : s.indexOf(' ');
        if (split < 0 && s.indexOf('日') > 0 && s.indexOf('日') < s.length() - 1) {
            split = s.indexOf('日') + 1;
        }
        InvalidValueException invalid = new InvalidValueException("type-datetime",
                "「" + raw + "」は日時として読めません（例: 2024-04-01T09:30:00、2024/4/1 9:30）",
                "'" + raw + "' is not a date and time (write e.g. 2024-04-01T09:30:00 or 2024/4/1 9:30)");
        if (split <= 0) {
            throw invalid;
        }
        String datePart = s.substring(0, split).strip();
        String timePart = s.substring(s.charAt(split) == 'T' || s.charAt(split) == ' ' ? split + 1 : split).strip();
        String zone = "";
        if (timePart.endsWith("Z")) {
            zone = "Z";
            timePart = timePart.substring(0, timePart.length() - 1);
        } else {
            int sign = Math.max(timePart.lastIndexOf('+'), timePart.lastIndexOf('-'));
            if (sign > 0) {
                zone = timePart.substring(sign);
                timePart = timePart.substring(0, sign);
            }
        }
        try {
            LocalDate date = DateParser.parse(datePart, counts);
            String time = TimeParser.parse(timePart, counts);
            String iso = date + "T" + time + zone;
            if (!zone.isEmpty()) {
                OffsetDateTime.parse(iso.replace("T24:00:00", "T23:59:59"));
                ZoneOffset.of(zone.equals("Z") ? "Z" : zone);
            }
            return iso;
        } catch (InvalidValueException | java.time.DateTimeException e) {
            throw invalid;
        }
    }
}
