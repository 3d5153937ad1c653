package io.hiraku.normalize;

/**
 * Times of day as written: {@code 7:30}, {@code 07:30:00}, {@code ７：３０}, {@code 7時30分}, {@code 7時},
 * {@code 24:00} (the end of a day, which opening hours use). Returned as ISO 8601 {@code HH:MM:SS}.
 */
public final class TimeParser {
    private TimeParser() {
    }

    public static String parse(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        int[] parts = new int[3];
        int n = 0;
        int pos = 0;
        boolean kanji = false;
        while (pos < s.length() && n < 3) {
            int start = pos;
            while (pos < s.length() && pos - start < 2 && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 0x80) {
                pos++;
            }
            if (pos == start) {
                break;
            }
            parts[n++] = Integer.parseInt(s.substring(start, pos));
            if (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ':') {
                    pos++;
                } else if (c == '時' || c == '分' || c == '秒') {
                    kanji = true;
                    pos++;
                } else {
                    break;
                }
            }
        }
        boolean ok = pos == s.length() && n >= (kanji ? 1 : 2) && parts[0] <= 24 && parts[1] < 60 && parts[2] < 60
                && (parts[0] < 24 || parts[1] == 0 && parts[2] == 0);
        if (!ok) {
            throw new InvalidValueException("type-time",
                    "「" + raw + "」は時刻として読めません（例: 9:00、17:30:00、9時30分）",
                    "'" + raw + "' is not a time of day (write e.g. 9:00, 17:30:00 or 9時30分)");
        }
        String iso = String.format("%02d:%02d:%02d", parts[0], parts[1], parts[2]);
        if (!iso.equals(s)) {
            counts.add(Normalization.DATE_FORMAT);
        }
        return iso;
    }
}
