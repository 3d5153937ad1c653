package io.hiraku.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The patterns most definitions use — codes, postal codes, phone numbers, 和暦 dates: {@code \d{3}-\d{4}},
 * {@code [A-C]\d{2}}, {@code 0\d{1,4}-\d{1,4}-\d{4}}, {@code (平成|令和)(元|[0-9]{1,2})年} — matched without the
 * regex engine, in one pass over the text. A pattern qualifies when it is a sequence of single
 * characters, {@code \d} and {@code [...]} classes (ranges, no negation), each optionally repeated
 * ({@code {n}}, {@code {n,m}}, {@code ?}, {@code *}, {@code +}), and groups of such sequences as
 * alternatives (not repeated, not nested) whose first characters tell them apart; and every repeat of
 * varying length is followed by characters it cannot take. Then the greedy match is the only one, and
 * the answer is the regex engine's (the property {@code SimplePatternTest} checks against
 * {@link java.util.regex.Pattern}). Anything else ({@code .}, other escapes, repeated or nested groups,
 * alternatives that share a first character) is left to the regex engine.
 */
final class SimplePattern {
    private static final int UNBOUNDED = Integer.MAX_VALUE;
    /** Characters a backslash makes literal, outside and inside classes. */
    private static final String ESCAPABLE = "-.()[]{}?*+|^$\\/";

    /** One position of the pattern: a set of characters, repeated between min and max times. */
    private static final class Item {
        private final char[] ranges;
        private final int min;
        private final int max;
        /** The first range, checked inline: most items are one range ({@code \d}, a literal). */
        private final char lo;
        private final char hi;
        private final boolean oneRange;

        Item(char[] ranges, int min, int max) {
            this.ranges = ranges;
            this.min = min;
            this.max = max;
            this.lo = ranges[0];
            this.hi = ranges[1];
            this.oneRange = ranges.length == 2;
        }

        int min() {
            return min;
        }

        int max() {
            return max;
        }

        boolean accepts(char c) {
            if (c >= lo && c <= hi) {
                return true;
            }
            if (oneRange) {
                return false;
            }
            for (int i = 2; i < ranges.length; i += 2) {
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

    /**
     * A group of alternatives, {@code (明治|大正|昭和)}: each alternative starts with a required item and no
     * two first items share a character, so the next character picks the only alternative that can match.
     */
    private record Group(Item[][] alternatives) {
        Item[] pick(char c) {
            for (Item[] alternative : alternatives) {
                if (alternative[0].accepts(c)) {
                    return alternative;
                }
            }
            return null;
        }
    }

    /** Items and groups, in pattern order. */
    private final Object[] nodes;

    private SimplePattern(Object[] nodes) {
        this.nodes = nodes;
    }

    /** The pattern as a simple one, or empty when it needs the regex engine. */
    static Optional<SimplePattern> of(String regex) {
        try {
            List<Object> nodes = new Parser(strip(regex)).sequence(true);
            return nodes == null || !greedyIsExact(nodes) ? Optional.empty()
                    : Optional.of(new SimplePattern(nodes.toArray()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the whole text matches (as {@link java.util.regex.Matcher#matches()}). */
    boolean matches(String text) {
        int pos = 0;
        for (Object node : nodes) {
            if (node instanceof Item item) {
                pos = match(item, text, pos);
            } else {
                Item[] alternative = pos < text.length() ? ((Group) node).pick(text.charAt(pos)) : null;
                if (alternative == null) {
                    return false;
                }
                for (int i = 0; i < alternative.length && pos >= 0; i++) {
                    pos = match(alternative[i], text, pos);
                }
            }
            if (pos < 0) {
                return false;
            }
        }
        return pos == text.length();
    }

    /** Takes as many characters as the item allows; the position after them, or -1 if too few. */
    private static int match(Item item, String text, int pos) {
        int count = 0;
        int length = text.length();
        while (count < item.max() && pos < length && item.accepts(text.charAt(pos))) {
            pos++;
            count++;
        }
        return count < item.min() ? -1 : pos;
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

    /** Reads the pattern left to right; every method answers null when it meets something beyond the subset. */
    private static final class Parser {
        private final String r;
        private int i;

        Parser(String r) {
            this.r = r;
        }

        /** Items and groups up to the end (top level) or up to a {@code |} or {@code )} (in a group). */
        List<Object> sequence(boolean topLevel) {
            List<Object> nodes = new ArrayList<>();
            while (i < r.length()) {
                char c = r.charAt(i);
                if (c == '|' || c == ')') {
                    return topLevel ? null : nodes;
                }
                Object node = c == '(' ? (topLevel ? group() : null) : item();
                if (node == null) {
                    return null;
                }
                nodes.add(node);
            }
            return topLevel ? nodes : null; // a group left open
        }

        /** {@code (a|b)} or {@code (?:a|b)}, not repeated, not nested, alternatives told apart by their first character. */
        private Object group() {
            i += r.startsWith("(?:", i) ? 3 : 1;
            List<Item[]> alternatives = new ArrayList<>();
            while (true) {
                List<Object> alternative = sequence(false);
                if (alternative == null || alternative.isEmpty() || ((Item) alternative.get(0)).min() == 0) {
                    return null;
                }
                alternatives.add(alternative.toArray(Item[]::new));
                char end = r.charAt(i++);
                if (end == ')') {
                    break;
                }
            }
            if (i < r.length() && "?*+{".indexOf(r.charAt(i)) >= 0) {
                return null; // a repeated group can backtrack: left to the regex engine
            }
            for (int a = 0; a < alternatives.size(); a++) {
                for (int b = a + 1; b < alternatives.size(); b++) {
                    if (alternatives.get(a)[0].overlaps(alternatives.get(b)[0])) {
                        return null;
                    }
                }
            }
            return new Group(alternatives.toArray(Item[][]::new));
        }

        private Item item() {
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
            return new Item(ranges, min, max);
        }
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
     * a character that what follows it (up to the next required item) could also take. With groups, this
     * must hold for every choice of alternatives (the pass takes the one the next character picks).
     */
    private static boolean greedyIsExact(List<Object> nodes) {
        List<List<Item>> sequences = List.of(List.of());
        for (Object node : nodes) {
            List<List<Item>> longer = new ArrayList<>();
            for (List<Item> sequence : sequences) {
                for (Item[] alternative : node instanceof Group g ? g.alternatives() : new Item[][] {{(Item) node}}) {
                    List<Item> next = new ArrayList<>(sequence);
                    next.addAll(List.of(alternative));
                    longer.add(next);
                }
            }
            if (longer.size() > 1024) {
                return false; // too many combinations to check: left to the regex engine
            }
            sequences = longer;
        }
        return sequences.stream().allMatch(SimplePattern::greedyIsExactSequence);
    }

    private static boolean greedyIsExactSequence(List<Item> items) {
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
