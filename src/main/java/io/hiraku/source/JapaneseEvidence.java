package io.hiraku.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Weighs whether bytes that decode as CP932 are Japanese text or Western (Latin-1/Windows-1252) text
 * that merely happens to decode. Western text has its accented letters one at a time inside Latin
 * words ({@code Café}, {@code Straße}, {@code São}); read as CP932 each becomes a lone kanji or
 * half-width katakana wedged between ASCII letters. Japanese text comes in runs of kana and kanji
 * (KEN_ALL's half-width katakana included) and rarely as a single character inside a Latin word.
 * The file is Japanese unless most of its non-ASCII runs are such lone characters. The first
 * {@value #SAMPLE_BYTES} bytes are weighed: thousands of runs decide it, and the whole file has already
 * been decoded once by then, so a large file is not read again for this.
 */
final class JapaneseEvidence {
    static final int SAMPLE_BYTES = 16 << 20;
    private final long runs;
    private final long loneInLatinWord;

    private JapaneseEvidence(long runs, long loneInLatinWord) {
        this.runs = runs;
        this.loneInLatinWord = loneInLatinWord;
    }

    boolean plausible() {
        return runs == 0 || loneInLatinWord * 2 <= runs;
    }

    String describeJa() {
        return "非ASCII文字のまとまり " + runs + " 個のうち " + loneInLatinWord + " 個が欧文字に挟まれた1文字でした";
    }

    String describeEn() {
        return "gives " + runs + " runs of non-ASCII characters, " + loneInLatinWord
                + " of them a single character inside a Latin word";
    }

    /** Scans the file's bytes with CP932's structure (lead byte + trail byte, or one byte). */
    static JapaneseEvidence of(Path file) throws IOException {
        long runs = 0;
        long lone = 0;
        boolean letterBefore = false;
        int runLength = 0;
        boolean runAfterLetter = false;
        // a buffer scanned in a loop: InputStream.read() per byte made this pass the slowest part of
        // validating a large CP932 file
        byte[] buf = new byte[1 << 16];
        boolean trailPending = false;
        long scanned = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while (scanned < SAMPLE_BYTES && (n = in.read(buf)) > 0) {
                scanned += n;
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (trailPending) {
                        trailPending = false; // the second byte of a double-byte character
                        continue;
                    }
                    if (b < 0x80) {
                        boolean letter = isLetter(b);
                        if (runLength > 0) {
                            runs++;
                            if (runLength == 1 && (runAfterLetter || letter)) {
                                lone++;
                            }
                            runLength = 0;
                        }
                        letterBefore = letter;
                        continue;
                    }
                    trailPending = isLeadByte(b);
                    if (runLength == 0) {
                        runAfterLetter = letterBefore;
                    }
                    runLength++;
                }
            }
        }
        if (runLength > 0) {
            runs++;
            if (runLength == 1 && runAfterLetter) {
                lone++;
            }
        }
        return new JapaneseEvidence(runs, lone);
    }

    /**
     * The share of non-ASCII characters that are kana, kanji, Japanese punctuation or full-width forms
     * when the file is decoded with the charset: high for the right Japanese encoding, low when EUC-JP
     * bytes are read as CP932 (half-width katakana) or the reverse.
     */
    static double commonShare(Path file, java.nio.charset.Charset charset) throws IOException {
        long nonAscii = 0;
        long common = 0;
        try (java.io.Reader in = new java.io.BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                charset), 1 << 16)) {
            int c;
            while ((c = in.read()) >= 0) {
                if (c < 0x80) {
                    continue;
                }
                nonAscii++;
                if ((c >= 0x3000 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF5E)) {
                    common++;
                }
            }
        }
        return nonAscii == 0 ? 0 : (double) common / nonAscii;
    }

    /**
     * For bytes that are neither UTF-8 nor CP932: Western if strict Windows-1252 decodes them and most
     * high bytes stand next to a Latin letter.
     */
    static boolean looksWestern(Path file) throws IOException {
        if (CharsetDetector.firstFailure(file, CharsetDetector.WINDOWS_1252, 0) != null) {
            return false;
        }
        long high = 0;
        long besideLetter = 0;
        int previous = ' ';
        boolean pendingHigh = false;
        boolean pendingBeside = false;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (pendingHigh) {
                        if (pendingBeside || isLetter(b)) {
                            besideLetter++;
                        }
                        pendingHigh = false;
                    }
                    if (b >= 0x80) {
                        high++;
                        pendingHigh = true;
                        pendingBeside = isLetter(previous);
                    }
                    previous = b;
                }
            }
        }
        return high > 0 && besideLetter * 2 >= high;
    }

    private static boolean isLeadByte(int b) {
        return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
    }

    private static boolean isLetter(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }
}
