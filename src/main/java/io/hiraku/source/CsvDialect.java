package io.hiraku.source;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Map;

/**
 * The delimiter of a delimited text file, found from its first lines: the candidate (comma, tab,
 * semicolon) that splits most lines into the same number of cells, quotes respected. Comma when
 * nothing else is clearly better.
 */
public final class CsvDialect {
    private static final char[] CANDIDATES = {',', '\t', ';'};
    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final int SAMPLE_LINES = 50;

    private CsvDialect() {
    }

    public static char sniffDelimiter(Reader reader) throws IOException {
        char[] buffer = new char[SAMPLE_CHARS];
        int length = reader.read(buffer);
        if (length <= 0) {
            return ',';
        }
        char best = ',';
        double bestScore = 0;
        for (char candidate : CANDIDATES) {
            double score = score(buffer, length, candidate);
            if (score > bestScore + 1e-9) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** Lines that agree on the most common non-zero cell count, weighted by that count being above one. */
    private static double score(char[] text, int length, char delimiter) {
        Map<Integer, Integer> countsPerLine = new HashMap<>();
        int lines = 0;
        int count = 0;
        boolean quoted = false;
        boolean comment = false;
        boolean lineStart = true;
        for (int i = 0; i < length && lines < SAMPLE_LINES; i++) {
            char c = text[i];
            if (lineStart) {
                comment = c == '#' || c == '\uFEFF' && i + 1 < length && text[i + 1] == '#';
                lineStart = false;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (!comment) {
                    countsPerLine.merge(count, 1, Integer::sum);
                    lines++;
                }
                count = 0;
                lineStart = true;
                if (c == '\r' && i + 1 < length && text[i + 1] == '\n') {
                    i++;
                }
            } else if (!quoted && c == delimiter) {
                count++;
            }
        }
        int agreeing = 0;
        int mode = 0;
        for (Map.Entry<Integer, Integer> e : countsPerLine.entrySet()) {
            if (e.getKey() > 0 && e.getValue() > agreeing) {
                agreeing = e.getValue();
                mode = e.getKey();
            }
        }
        return lines == 0 || mode == 0 ? 0 : (double) agreeing / lines + Math.min(mode, 10) / 1000.0;
    }
}
