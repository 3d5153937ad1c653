package io.hiraku.source;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file is well-formed UTF-8 text without control bytes, in one pass over its bytes: the
 * question {@link CharsetDetector} asks of every drop before it is read, answered without decoding into
 * characters (the JDK decoder, which the detector used for it, fills a buffer of chars nobody reads, at a
 * quarter of the speed). Eight ASCII bytes are checked at a time; other bytes go through the well-formed
 * byte sequences of the Unicode standard (Table 3-7: no overlong forms, no surrogates, nothing past
 * U+10FFFF), so the answer is the JDK's strict decoder's — the tests hold it to that. A "no" says nothing
 * about where or why: the detector then takes its slower passes, which do.
 */
final class Utf8Text {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final int BUFFER = 1 << 16;
    /** Bytes no text file holds: C0 controls other than tab, LF, form feed and CR, and DEL (by {@code byte & 0xFF}). */
    static final boolean[] CONTROL = new boolean[256];

    static {
        for (int b = 0; b < 0x20; b++) {
            CONTROL[b] = b != '\t' && b != '\r' && b != '\n' && b != '\f';
        }
        CONTROL[0x7F] = true;
    }

    private Utf8Text() {
    }

    /** @param skip bytes at the start to leave out (a byte-order mark) */
    static boolean check(Path file, long skip) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int need = 0; // continuation bytes still to come in the current sequence
        int low = 0x80;
        int high = 0xBF;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            int n;
            while ((n = in.readNBytes(buffer, 0, BUFFER)) > 0) {
                int i = 0;
                while (i < n) {
                    if (need == 0 && i + 8 <= n) {
                        long word = (long) LONGS.get(buffer, i);
                        // eight ASCII bytes, none below 0x20 and none 0x7F: all text
                        if ((word & HIGH_BITS) == 0 && (((word - 0x2020202020202020L) | ((word ^ 0x7F7F7F7F7F7F7F7FL) - ONES))
                                & ~word & HIGH_BITS) == 0) {
                            i += 8;
                            continue;
                        }
                    }
                    int u = buffer[i++] & 0xFF;
                    if (need == 0 && u >= 0xE1 && u <= 0xEF && u != 0xED && i + 2 <= n) {
                        // most of Japanese text (kana, kanji, full-width forms): three bytes with nothing to rule out
                        if ((buffer[i] & 0xC0) != 0x80 || (buffer[i + 1] & 0xC0) != 0x80) {
                            return false;
                        }
                        i += 2;
                        continue;
                    }
                    if (need > 0) {
                        if (u < low || u > high) {
                            return false;
                        }
                        low = 0x80;
                        high = 0xBF;
                        need--;
                    } else if (u < 0x80) {
                        if (CONTROL[u]) {
                            return false;
                        }
                    } else if (u >= 0xC2 && u <= 0xDF) {
                        need = 1;
                    } else if (u == 0xE0) {
                        need = 2;
                        low = 0xA0;
                    } else if (u == 0xED) {
                        need = 2;
                        high = 0x9F; // no surrogates
                    } else if (u >= 0xE1 && u <= 0xEF) {
                        need = 2;
                    } else if (u == 0xF0) {
                        need = 3;
                        low = 0x90;
                    } else if (u >= 0xF1 && u <= 0xF3) {
                        need = 3;
                    } else if (u == 0xF4) {
                        need = 3;
                        high = 0x8F; // nothing past U+10FFFF
                    } else {
                        return false;
                    }
                }
            }
        }
        return need == 0;
    }
}
