package io.hiraku.publish;

import io.hiraku.schema.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A valid row as the format writers take it: its typed values and, made once for all of them, each
 * cell's published text ({@link PublishedText}) in UTF-8, with a note of what the formats must escape in
 * it. Writing a cell is then a copy of its bytes in the common case; only a cell holding a quote, comma,
 * backslash, line break or other control character takes a format's escaping path, which works on the
 * same bytes (every character a format escapes is ASCII, so UTF-8 sequences pass through untouched).
 * Before, each of five writers formatted every number and date again and encoded every character itself.
 *
 * <p>An unpaired surrogate becomes {@code ?}, as the JDK's UTF-8 encoder writes it. Rows are never
 * changed once made: the writer threads share them.
 */
final class PublishedRow {
    /** The text holds a comma, double quote, CR or LF: CSV must quote it. */
    static final byte CSV_SPECIAL = 1;
    /** The text holds a double quote, backslash, or a control character (below U+0020, or U+007F): JSON and N-Triples escape it. */
    static final byte ESCAPED = 2;

    private final long number;
    private final Object[] values;
    private final byte[] bytes;
    /** Where cell {@code i}'s text ends in {@link #bytes}; it starts where cell {@code i - 1} ends. */
    private final int[] ends;
    private final byte[] flags;

    private PublishedRow(long number, Object[] values, byte[] bytes, int[] ends, byte[] flags) {
        this.number = number;
        this.values = values;
        this.bytes = bytes;
        this.ends = ends;
        this.flags = flags;
    }

    /** 1 for the first data row. */
    long number() {
        return number;
    }

    /** The typed values (never changed). */
    Object[] values() {
        return values;
    }

    int cells() {
        return values.length;
    }

    /** The bytes of every cell's text, one after the other (read only). */
    byte[] bytes() {
        return bytes;
    }

    int start(int cell) {
        return cell == 0 ? 0 : ends[cell - 1];
    }

    int end(int cell) {
        return ends[cell];
    }

    boolean has(int cell, byte flag) {
        return (flags[cell] & flag) != 0;
    }

    /** Per byte: what a format must do about it ({@link #CSV_SPECIAL}, {@link #ESCAPED}); 0 for most. */
    private static final byte[] SPECIAL = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            SPECIAL[c] = ESCAPED;
        }
        SPECIAL[0x7F] = ESCAPED;
        SPECIAL['\\'] = ESCAPED;
        SPECIAL['\r'] = ESCAPED | CSV_SPECIAL;
        SPECIAL['\n'] = ESCAPED | CSV_SPECIAL;
        SPECIAL['"'] = ESCAPED | CSV_SPECIAL;
        SPECIAL[','] = CSV_SPECIAL;
    }

    /** What the formats must do about some text's UTF-8 bytes: {@link #CSV_SPECIAL} and {@link #ESCAPED} as they apply. */
    static byte flags(byte[] text) {
        int f = 0;
        for (byte b : text) {
            f |= SPECIAL[b & 0xFF];
        }
        return (byte) f;
    }

    /** Makes the published rows of one table: holds the buffer each row is encoded in before it gets its own copy. */
    static final class Encoder {
        private final Field[] fields;
        private byte[] buffer = new byte[1024];

        Encoder(List<Field> fields) {
            this.fields = fields.toArray(Field[]::new);
        }

        PublishedRow encode(long number, Object[] values) {
            int[] ends = new int[values.length];
            byte[] flags = new byte[values.length];
            int used = 0;
            for (int i = 0; i < values.length; i++) {
                // the JDK's encoder: a copy for ASCII text, one tight loop for the rest, ? for a lone surrogate
                byte[] text = PublishedText.of(i < fields.length ? fields[i] : null, values[i]).getBytes(StandardCharsets.UTF_8);
                if (buffer.length < used + text.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(used + text.length, buffer.length * 2));
                }
                System.arraycopy(text, 0, buffer, used, text.length);
                used += text.length;
                ends[i] = used;
                flags[i] = flags(text);
            }
            return new PublishedRow(number, values, Arrays.copyOf(buffer, used), ends, flags);
        }
    }
}
