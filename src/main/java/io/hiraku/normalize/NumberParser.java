package io.hiraku.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads numbers as Japanese public data writes them: full-width digits, {@code 1,234} grouping,
 * {@code △1,200} or {@code ▲5} for negatives, spaces around. Grouping must be in threes, so that
 * {@code 1,2} (a list, or a decimal comma) is refused rather than read as 12. A field can declare another
 * decimal or group character ({@code 1.234,5}), or that its numbers are not bare ({@code 1,200円},
 * {@code 12%}: the text around the number is dropped and counted).
 */
public final class NumberParser {
    /** The defaults: "." for decimals, "," for groups, bare numbers. */
    public static final NumberParser DEFAULT = new NumberParser(null, null, null);

    private final char decimalChar;
    private final char groupChar;
    private final boolean bareNumber;

    public NumberParser(String decimalChar, String groupChar, Boolean bareNumber) {
        this.decimalChar = decimalChar == null || decimalChar.isEmpty() ? '.' : decimalChar.charAt(0);
        this.groupChar = groupChar == null || groupChar.isEmpty() ? (this.decimalChar == ',' ? '.' : ',')
                : groupChar.charAt(0);
        this.bareNumber = bareNumber == null || bareNumber;
    }

    /** An integer as {@link Long}, or {@link BigInteger} when it does not fit. */
    public static Number parseInteger(String raw, NormalizationCounts counts) throws InvalidValueException {
        return DEFAULT.integer(raw, counts);
    }

    public static BigDecimal parseNumber(String raw, NormalizationCounts counts) throws InvalidValueException {
        return DEFAULT.number(raw, counts);
    }

    public Number integer(String raw, NormalizationCounts counts) throws InvalidValueException {
        String plain = plain(raw, counts);
        if (!isDigits(plain, plain.startsWith("-") || plain.startsWith("+") ? 1 : 0)) {
            throw new InvalidValueException("type-integer",
                    "「" + raw + "」は整数ではありません。数字だけで書いてください（例: 12、1,234、△5）",
                    "'" + raw + "' is not an integer; write digits only (e.g. 12, 1,234, △5)");
        }
        if (plain.length() <= 18) {
            return Long.parseLong(plain);
        }
        return new BigInteger(plain);
    }

    public BigDecimal number(String raw, NormalizationCounts counts) throws InvalidValueException {
        String plain = plain(raw, counts);
        try {
            if (plain.isEmpty() || !Character.isDigit(plain.charAt(plain.length() - 1))) {
                throw new NumberFormatException();
            }
            BigDecimal simple = simpleDecimal(plain);
            return simple != null ? simple : new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("type-number",
                    "「" + raw + "」は数値ではありません。数字で書いてください（例: 34.86、1,234.5）",
                    "'" + raw + "' is not a number; write digits (e.g. 34.86, 1,234.5)");
        }
    }

    /**
     * {@code [+-]digits[.digits]} with at most 18 digits, read without {@link BigDecimal}'s string parser
     * (the same value and scale); null for anything else, which that parser then reads or refuses.
     */
    static BigDecimal simpleDecimal(String s) {
        int n = s.length();
        int i = n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || digits > 18) {
            return null;
        }
        return BigDecimal.valueOf(s.charAt(0) == '-' ? -unscaled : unscaled, Math.max(scale, 0));
    }

    private String plain(String raw, NormalizationCounts counts) throws InvalidValueException {
        String value = HalfWidth.normalized(raw, counts);
        if (!bareNumber) {
            String bare = stripAround(value);
            if (!bare.equals(value)) {
                counts.add(Normalization.TEXT_AROUND_NUMBER);
                value = bare;
            }
        }
        if (!value.isEmpty() && (value.charAt(0) == '△' || value.charAt(0) == '▲')) {
            value = "-" + HalfWidth.trim(value.substring(1));
            counts.add(Normalization.TRIANGLE_NEGATIVE);
        }
        if (value.indexOf(groupChar) >= 0) {
            value = ungroup(raw, value);
            counts.add(Normalization.THOUSANDS_SEPARATOR);
        }
        if (decimalChar != '.') {
            value = value.replace(decimalChar, '.');
        }
        return value;
    }

    /** Drops what stands before the first and after the last digit (units, currency, %), keeping the sign. */
    private String stripAround(String value) {
        int start = 0;
        while (start < value.length() && !Character.isDigit(value.charAt(start)) && "-+△▲".indexOf(value.charAt(start)) < 0) {
            start++;
        }
        int end = value.length();
        while (end > start && !Character.isDigit(value.charAt(end - 1))) {
            end--;
        }
        return HalfWidth.trim(value.substring(start, end));
    }

    /** Removes group separators after checking they stand every three digits of the integer part. */
    private String ungroup(String raw, String value) throws InvalidValueException {
        int sign = value.startsWith("-") || value.startsWith("+") ? 1 : 0;
        int dot = value.indexOf(decimalChar);
        String integerPart = value.substring(sign, dot < 0 ? value.length() : dot);
        String[] groups = integerPart.split(java.util.regex.Pattern.quote(String.valueOf(groupChar)), -1);
        boolean ok = groups[0].length() >= 1 && groups[0].length() <= 3 && isDigits(groups[0], 0);
        for (int i = 1; ok && i < groups.length; i++) {
            ok = groups[i].length() == 3 && isDigits(groups[i], 0);
        }
        if (!ok || (dot >= 0 && value.indexOf(groupChar, dot) >= 0)) {
            throw new InvalidValueException("number-grouping",
                    "「" + raw + "」の桁区切りが正しくありません（3桁ごとの「" + groupChar + "」のみ使えます）",
                    "'" + raw + "' has misplaced thousands separators (only a '" + groupChar
                            + "' every three digits is allowed)");
        }
        return value.substring(0, sign) + String.join("", groups) + (dot < 0 ? "" : value.substring(dot));
    }

    private static boolean isDigits(String s, int from) {
        if (s.length() <= from) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
