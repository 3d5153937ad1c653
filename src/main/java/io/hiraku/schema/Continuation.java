package io.hiraku.schema;

import java.util.List;

/**
 * Records that continue the one before (Japan Post's KEN_ALL splits a long 町域 over several records):
 * while column {@code column}'s text has more {@code open} than {@code close} brackets, the next
 * record is merged into it, its {@code column} and {@code join} cells appended; other cells come from
 * the first record. Columns count from 1.
 */
public record Continuation(Integer column, String open, String close, List<Integer> join) {
    public Continuation {
        if (column == null || column < 1) {
            throw new IllegalArgumentException("source.continuation.column must be a column number from 1");
        }
        open = open == null ? "（" : open;
        close = close == null ? "）" : close;
        join = join == null ? List.of() : List.copyOf(join);
    }

    /** Whether the text opens more brackets than it closes. */
    public boolean isOpen(String text) {
        return count(text, open) > count(text, close);
    }

    private static int count(String text, String mark) {
        int n = 0;
        for (int i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + mark.length())) {
            n++;
        }
        return n;
    }
}
