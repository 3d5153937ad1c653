package io.hiraku.validate;

/**
 * A cell's text as the regex engine reads it, with a budget: every character read counts, and past
 * the budget the match is abandoned. A definition's pattern that backtracks without end on some
 * value (such as {@code (.*a){12}}) then costs a few milliseconds, not the pipeline.
 */
final class BoundedText implements CharSequence {
    /** Characters the engine may read for one cell: thousands of times any sane pattern needs. */
    static final long BUDGET = 20_000_000;

    private final String text;
    private final long[] left;

    private BoundedText(String text, long[] left) {
        this.text = text;
        this.left = left;
    }

    static BoundedText of(String text) {
        return new BoundedText(text, new long[] {BUDGET});
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new TooCostly();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), left);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The budget ran out: the pattern backtracks too much on this value. */
    static final class TooCostly extends RuntimeException {
        TooCostly() {
            super(null, null, false, false);
        }
    }
}
