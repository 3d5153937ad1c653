package io.hiraku.normalize;

import java.text.Normalizer;

/**
 * NFKC for values whose characters carry no meaning of their own (numbers, dates, codes): full-width
 * digits and letters become ASCII, the ideographic space becomes a space. ASCII input is returned as is.
 */
public final class HalfWidth {
    private HalfWidth() {
    }

    public static String of(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return Normalizer.normalize(value, Normalizer.Form.NFKC).replace('\u2212', '-');
            }
        }
        return value;
    }

    /** NFKC, then trimmed: the form numbers, dates and codes are read in. Counts each change. */
    public static String normalized(String raw, NormalizationCounts counts) {
        String value = of(raw);
        if (!value.equals(raw)) {
            counts.add(Normalization.FULL_WIDTH);
        }
        return trimmed(value, counts);
    }

    /** Trimmed of spaces at both ends, counting the change. */
    public static String trimmed(String value, NormalizationCounts counts) {
        String trimmed = trim(value);
        if (trimmed.length() != value.length()) {
            counts.add(Normalization.TRIMMED);
        }
        return trimmed;
    }

    /** Trims ASCII and ideographic whitespace at both ends. */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u3000' || c == '\u00A0';
    }
}
