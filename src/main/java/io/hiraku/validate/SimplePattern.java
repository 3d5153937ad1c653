package io.hiraku.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patterns most definitions use — codes, postal codes, phone numbers: {@code \d{3}-\d{4}},
 * {@code [A-C]\d{2}}, {@code 0\d{1,4}-\d{1,4}-\d{4}} — matched without the regex engine, in one pass
 * over the text. A pattern qualifies when it is a sequence of single characters, {@code \d} and
 * {@code [...]} classes (ranges, no negation), each optionally repeated ({@code {n}}, {@code {n,m}},
 * {@code ?}, {@code *}, {@code +}), and every repeat of varying length is followed by characters it
 * cannot take: then the greedy match is the only one, and the answer is the regex engine's (the
 * property {@code SimplePatternTest} checks against {@link java.util.regex.Pattern}). Anything else
 * (groups, alternatives, {@code .}, other escapes) is left to the regex engine.
 */
final class SimplePattern {
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    /** Characters a backslash makes literal, outside and inside classes. */
    private static final String ESCAPABLE = "-.()[]{}?*+|^$\\/";

    /** One position of the pattern: a set of characters, repeated between min and max times. */
    private record Item(char[] ranges, int min, int max) {
        boolean accepts(char c) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (c >= ranges[i] && c <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }

        boolean overlaps(Item other) {
            for (int i = 0; i < ranges.length; i += 2) {
                for (int j = 0; j < other.ranges.length; j += 2) {
                    if (ranges[i] <= other.ranges[j + 1] && other.ranges[j] <= ranges[i + 1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private final Item[] items;

    private SimplePattern(Item[] items) {
        this.items = items;
    }

    /** The pattern as a simple one, or empty when it needs the regex engine. */
    static Optional<SimplePattern> of(String regex) {
        try {
            List<Item> items = parse(strip(regex));
            return items == null || !greedyIsExact(items) ? Optional.empty()
                    : Optional.of(new SimplePattern(items.toArray(Item[]::new)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the whole text matches (as {@link java.util.regex.Matcher#matches()}). */
    boolean matches(String text) {
        int pos = 0;
        int length = text.length();
        for (Item item : items) {
            int count = 0;
            while (count < item.max() && pos < length && item.accepts(text.charAt(pos))) {
                pos++;
                count++;
            }
            if (count < item.min()) {
                return false;
            }
        }
        return pos == length;
    }

    /** Frictionless patterns match the whole value: leading ^ and trailing $ change nothing. */
    private static String strip(String regex) {
        String r = regex;
        if (r.startsWith("^")) {
            r = r.substring(1);
        }
        if (r.endsWith("$") && !r.endsWith("\\$")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** The items, or null when the pattern uses anything beyond the simple subset. */
    private static List<Item> parse(String r) {
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < r.length()) {
            char c = r.charAt(i);
            char[] ranges;
            if (Character.isSurrogate(c)) {
                return null;
            } else if (c == '\\') {
                if (i + 1 >= r.length()) {
                    return null;
                }
                char e = r.charAt(i + 1);
                if (e == 'd') {
                    ranges = new char[] {'0', '9'};
                } else if (ESCAPABLE.indexOf(e) >= 0) {
                    ranges = new char[] {e, e};
                } else {
                    return null;
                }
                i += 2;
            } else if (c == '[') {
                int end = r.indexOf(']', i + 2);
                if (end < 0 || r.charAt(i + 1) == '^') {
                    return null;
                }
                ranges = parseClass(r.substring(i + 1, end));
                if (ranges == null) {
                    return null;
                }
                i = end + 1;
            } else if ("().|?*+{}]^$".indexOf(c) >= 0) {
                return null;
            } else {
                ranges = new char[] {c, c};
                i++;
            }
            int min = 1;
            int max = 1;
            if (i < r.length()) {
                char q = r.charAt(i);
                if (q == '?' || q == '*' || q == '+') {
                    min = q == '+' ? 1 : 0;
                    max = q == '?' ? 1 : UNBOUNDED;
                    i++;
                } else if (q == '{') {
                    int close = r.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    String[] bounds = r.substring(i + 1, close).split(",", -1);
                    if (bounds.length > 2 || !bounds[0].matches("\\d{1,4}")
                            || bounds.length == 2 && !bounds[1].matches("\\d{0,4}")) {
                        return null;
                    }
                    min = Integer.parseInt(bounds[0]);
                    max = bounds.length == 1 ? min : bounds[1].isEmpty() ? UNBOUNDED : Integer.parseInt(bounds[1]);
                    if (max < min) {
                        return null;
                    }
                    i = close + 1;
                }
                if (i < r.length() && (r.charAt(i) == '?' || r.charAt(i) == '+')) {
                    return null;   // lazy or possessive: leave to the regex engine
                }
            }
            items.add(new Item(ranges, min, max));
        }
        return items;
    }

    /** The ranges of a class body ({@code A-Z0-9_}, {@code \d}), or null if it holds anything else. */
    private static char[] parseClass(String body) {
        List<Character> ranges = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isSurrogate(c) || c == '[' || c == '&') {
                return null;
            }
            char lo;
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return null;
                }
                char e = body.charAt(i + 1);
                if (e == 'd') {
                    ranges.add('0');
                    ranges.add('9');
                    i += 2;
                    continue;
                }
                if (ESCAPABLE.indexOf(e) < 0) {
                    return null;
                }
                lo = e;
                i += 2;
            } else {
                lo = c;
                i++;
            }
            char hi = lo;
            if (i + 1 < body.length() && body.charAt(i) == '-') {
                char h = body.charAt(i + 1);
                if (h == '\\' || h == '[' || Character.isSurrogate(h) || h < lo) {
                    return null;
                }
                hi = h;
                i += 2;
            }
            ranges.add(lo);
            ranges.add(hi);
        }
        if (ranges.isEmpty()) {
            return null;
        }
        char[] out = new char[ranges.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ranges.get(k);
        }
        return out;
    }

    /**
     * The greedy single pass gives the regex engine's answer when no repeat of varying length can take
     * a character that what follows it (up to the next required item) could also take.
     */
    private static boolean greedyIsExact(List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.min() == item.max()) {
                continue;
            }
            for (int j = i + 1; j < items.size(); j++) {
                if (item.overlaps(items.get(j))) {
                    return false;
                }
                if (items.get(j).min() > 0) {
                    break;
                }
            }
        }
        return true;
    }
}
