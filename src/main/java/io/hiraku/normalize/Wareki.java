package io.hiraku.normalize;

import java.time.chrono.JapaneseEra;

/** The Japanese eras as written: names (令和) and initials (R), with their first Gregorian year. */
final class Wareki {
    static final String[] NAMES = {"明治", "大正", "昭和", "平成", "令和"};
    static final char[] LETTERS = {'M', 'T', 'S', 'H', 'R'};
    static final JapaneseEra[] ERAS = {JapaneseEra.MEIJI, JapaneseEra.TAISHO, JapaneseEra.SHOWA, JapaneseEra.HEISEI,
            JapaneseEra.REIWA};
    /** The Gregorian year of each era's first year (元年). */
    static final int[] FIRST_YEARS = {1868, 1912, 1926, 1989, 2019};
    /** The Gregorian year of each era's last year (the next era's first, for all but the current one). */
    static final int[] LAST_YEARS = {1912, 1926, 1989, 2019, Integer.MAX_VALUE};

    private Wareki() {
    }

    /** The era at {@code pos} in {@code s}: its index, and how many characters it took; null if none. */
    static int[] eraAt(String s, int pos) {
        for (int i = 0; i < NAMES.length; i++) {
            if (s.startsWith(NAMES[i], pos)) {
                return new int[] {i, NAMES[i].length()};
            }
        }
        if (pos < s.length()) {
            char c = Character.toUpperCase(s.charAt(pos));
            for (int i = 0; i < LETTERS.length; i++) {
                if (c == LETTERS[i] && pos + 1 < s.length() && (Character.isDigit(s.charAt(pos + 1))
                        || s.charAt(pos + 1) == '元')) {
                    return new int[] {i, 1};
                }
            }
        }
        return null;
    }

    /** The Gregorian year of an era year, or -1 if the era has no such year. */
    static int gregorian(int era, int yearOfEra) {
        int year = FIRST_YEARS[era] + yearOfEra - 1;
        return yearOfEra >= 1 && year <= LAST_YEARS[era] ? year : -1;
    }
}
