package io.hiraku.normalize;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * A Table Schema date {@code format} pattern ({@code %Y}, {@code %m}, {@code %d}, {@code %y}, as in
 * Python's strftime) turned into a strict java.time formatter. With separators, month and day accept
 * one or two digits, as Excel writes them ({@code 9/1/2021}); without, they are two ({@code 19740401}).
 */
public final class DatePattern {
    private DatePattern() {
    }

    /** The formatter for a pattern, or null for {@code default}, {@code any} or no format. */
    public static DateTimeFormatter of(String format) {
        if (format == null || format.isBlank() || "default".equals(format) || "any".equals(format)) {
            return null;
        }
        boolean separated = format.replaceAll("%[YymdHMS]", "").length() > 0;
        StringBuilder java = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char d = format.charAt(++i);
                java.append(switch (d) {
                    case 'Y' -> "uuuu";
                    case 'y' -> "uu";
                    case 'm' -> separated ? "M" : "MM";
                    case 'd' -> separated ? "d" : "dd";
                    default -> throw new IllegalArgumentException("date format directive %" + d
                            + " is not supported (use %Y %y %m %d)");
                });
            } else if (Character.isLetter(c)) {
                java.append('\'').append(c).append('\'');
            } else {
                java.append(c == '\'' ? "''" : String.valueOf(c));
            }
        }
        return DateTimeFormatter.ofPattern(java.toString()).withResolverStyle(ResolverStyle.STRICT);
    }
}
