package io.hiraku.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * A buffered UTF-8 writer for text that mixes ASCII and Japanese on every line (RDF and CSV rows). The
 * JDK's OutputStreamWriter encodes the rest of its buffer through a slow per-character path once it meets
 * one non-ASCII character, which made encoding half of the RDF writer's time; here each character is
 * encoded in one plain loop into a byte buffer. Same bytes: an unpaired surrogate becomes {@code ?}, as
 * the JDK's encoder writes it.
 */
final class Utf8Writer extends Writer {
    private final OutputStream out;
    private final byte[] buffer;
    private int used;
    /** A high surrogate written last, waiting for its low half; 0 when none. */
    private char pendingHigh;
    private char[] chars = new char[1024];

    Utf8Writer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buffer = new byte[Math.max(bufferSize, 16)];
    }

    @Override
    public void write(int c) throws IOException {
        encode((char) c);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            if (c < 0x80 && pendingHigh == 0 && used < buffer.length) {
                buffer[used++] = (byte) c;
            } else {
                encode(c);
            }
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        append(s, off, off + len);
    }

    @Override
    public Writer append(CharSequence s) throws IOException {
        return append(s, 0, s.length());
    }

    /** Strings and builders are copied into a reused array first: a loop over an array is what the JIT makes fast. */
    @Override
    public Writer append(CharSequence s, int start, int end) throws IOException {
        int n = end - start;
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        if (s instanceof String string) {
            string.getChars(start, end, chars, 0);
        } else if (s instanceof StringBuilder builder) {
            builder.getChars(start, end, chars, 0);
        } else {
            for (int i = 0; i < n; i++) {
                chars[i] = s.charAt(start + i);
            }
        }
        write(chars, 0, n);
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        encode(c);
        return this;
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Writes what is buffered; a high surrogate still waiting for its pair becomes {@code ?}, as in the JDK. */
    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put('?');
        }
        drain();
        out.close();
    }

    /**
     * One character: a high surrogate waits for the next one (a pair may arrive in two calls); an unpaired
     * half becomes {@code ?}.
     */
    private void encode(char c) throws IOException {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                putCodePoint(Character.toCodePoint(high, c));
                return;
            }
            put('?');
        }
        if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            put('?');
        } else {
            put(c);
        }
    }

    /** A character outside the surrogates. */
    private void put(char c) throws IOException {
        room(3);
        used = encodeBmp(c, buffer, used);
    }

    private void putCodePoint(int cp) throws IOException {
        room(4);
        used = encodeSupplementary(cp, buffer, used);
    }

    /** Encodes a character outside the surrogates at {@code at} (room for 3 bytes); the position after it. */
    static int encodeBmp(char c, byte[] b, int at) {
        if (c < 0x80) {
            b[at++] = (byte) c;
        } else if (c < 0x800) {
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
    static int encodeSupplementary(int cp, byte[] b, int at) {
        b[at++] = (byte) (0xF0 | (cp >> 18));
        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (cp & 0x3F));
        return at;
    }

    private void room(int bytes) throws IOException {
        if (used + bytes > buffer.length) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
