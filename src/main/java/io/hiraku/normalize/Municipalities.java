package io.hiraku.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The municipalities of Japan by 全国地方公共団体コード, with their prefecture: derived from Japan Post's
 * KEN_ALL.CSV and shipped as {@code jp/municipalities.tsv}. Prefecture codes ({@code 22000x}) name the
 * prefecture alone.
 */
public final class Municipalities {
    /** A municipality (or a prefecture, with an empty municipality). */
    public record Entry(String prefecture, String municipality) {
    }

    private static final Map<String, Entry> BY_CODE = new HashMap<>();
    private static final Map<String, String> PREFECTURES = new HashMap<>();

    static {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Municipalities.class.getResourceAsStream("/jp/municipalities.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t");
                BY_CODE.put(cols[0].substring(0, 5), new Entry(cols[1], cols[2]));
                PREFECTURES.putIfAbsent(cols[0].substring(0, 2), cols[1]);
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("jp/municipalities.tsv is missing from the application", e);
        }
    }

    private Municipalities() {
    }

    /** @param code five or six digits (the check digit, if any, is not looked at here) */
    public static Optional<Entry> byCode(String code) {
        if (code == null || code.length() < 5) {
            return Optional.empty();
        }
        String five = code.substring(0, 5);
        Entry entry = BY_CODE.get(five);
        if (entry == null && five.endsWith("000") && PREFECTURES.containsKey(five.substring(0, 2))) {
            entry = new Entry(PREFECTURES.get(five.substring(0, 2)), "");
        }
        return Optional.ofNullable(entry);
    }
}
