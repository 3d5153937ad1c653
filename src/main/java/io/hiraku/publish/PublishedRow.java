package io.hiraku.publish;

import io.hiraku.schema.Field;
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

    /** Makes the published rows of one table: holds the buffers each row is encoded in before it gets its own copy. */
    static final class Encoder {
        private final Field[] fields;
        private char[] chars = new char[256];
        private byte[] buffer = new byte[1024];

        Encoder(List<Field> fields) {
            this.fields = fields.toArray(Field[]::new);
        }

        PublishedRow encode(long number, Object[] values) {
            int[] ends = new int[values.length];
            byte[] flags = new byte[values.length];
            int used = 0;
            for (int i = 0; i < values.length; i++) {
                String text = PublishedText.of(i < fields.length ? fields[i] : null, values[i]);
                int n = text.length();
                if (chars.length < n) {
                    chars = new char[Math.max(n, chars.length * 2)];
                }
                if (buffer.length < used + n * 3) {
                    buffer = Arrays.copyOf(buffer, Math.max(used + n * 3, buffer.length * 2));
                }
                text.getChars(0, n, chars, 0);
                byte[] b = buffer;
                int f = 0;
                for (int k = 0; k < n; k++) {
                    char c = chars[k];
                    if (c >= 0x80) {
                        if (Character.isHighSurrogate(c) && k + 1 < n && Character.isLowSurrogate(chars[k + 1])) {
                            used = encodeSupplementary(Character.toCodePoint(c, chars[++k]), b, used);
                        } else if (Character.isSurrogate(c)) {
                            b[used++] = '?';
                        } else {
                            used = encodeBmp(c, b, used);
                        }
                        continue;
                    }
                    b[used++] = (byte) c;
                    if (c < 0x20 || c == 0x7F || c == '\\') {
                        f |= ESCAPED | (c == '\r' || c == '\n' ? CSV_SPECIAL : 0);
                    } else if (c == '"') {
                        f |= ESCAPED | CSV_SPECIAL;
                    } else if (c == ',') {
                        f |= CSV_SPECIAL;
                    }
                }
                ends[i] = used;
                flags[i] = (byte) f;
            }
            return new PublishedRow(number, values, Arrays.copyOf(buffer, used), ends, flags);
        }
    }

    /** Encodes a character outside the surrogates at {@code at} (room for 3 bytes); the position after it. */
    private static int encodeBmp(char c, byte[] b, int at) {
        if (c < 0x800) {
            b[at++] = (byte) (0xC0 | (c >> 6));
            b[at++] = (byte) (0x80 | (c & 0x3F));
        } else {
            b[at++] = (byte) (0xE0 | (c >> 12));
            b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            b[at++] = (byte) (0x80 | (c & 0x3F));
        }
        return at;
    }

    /** Encodes a code point beyond the BMP at {@code at} (room for 4 bytes); the position after it. */
    private static int encodeSupplementary(int cp, byte[] b, int at) {
        b[at++] = (byte) (0xF0 | (cp >> 18));
        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (cp & 0x3F));
        return at;
    }
}
