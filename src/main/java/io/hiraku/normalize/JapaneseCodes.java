package io.hiraku.normalize;

/**
 * Japanese codes checked and written one way: 全国地方公共団体コード (six digits, the last a mod-11 check
 * digit; five digits get theirs added), 郵便番号 ({@code 〒7600018} → {@code 760-0018}), telephone numbers
 * ({@code (054)625-0128} → {@code 054-625-0128}: ten or eleven digits starting with 0).
 */
public final class JapaneseCodes {
    private JapaneseCodes() {
    }

    /** The check digit of a five-digit local government code: 11 − (weighted sum mod 11), last digit. */
    public static int checkDigit(String fiveDigits) {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (fiveDigits.charAt(i) - '0') * (6 - i);
        }
        return (11 - sum % 11) % 10;
    }

    public static String localGovernmentCode(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        if (!s.matches("[0-9]{5,6}")) {
            throw new InvalidValueException("lg-code-format",
                    "「" + raw + "」は全国地方公共団体コード（6桁）ではありません",
                    "'" + raw + "' is not a local government code (six digits)");
        }
        int check = checkDigit(s);
        if (s.length() == 5) {
            counts.add(Normalization.CODE_FORMAT);
            return s + check;
        }
        if (s.charAt(5) - '0' != check) {
            throw new InvalidValueException("lg-code-check-digit",
                    "「" + raw + "」の検査数字（6桁目）が違います。正しくは " + s.substring(0, 5) + check + " です",
                    "'" + raw + "' has a wrong check digit; the code would be " + s.substring(0, 5) + check);
        }
        return s;
    }

    public static String postalCode(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        String digits = s.replace("〒", "").replace("-", "").replace("ー", "").strip();
        if (!digits.matches("[0-9]{7}")) {
            throw new InvalidValueException("postal-code-format",
                    "「" + raw + "」は郵便番号（7桁、例: 760-0018）ではありません",
                    "'" + raw + "' is not a postal code (seven digits, e.g. 760-0018)");
        }
        String canonical = digits.substring(0, 3) + "-" + digits.substring(3);
        if (!canonical.equals(s)) {
            counts.add(Normalization.CODE_FORMAT);
        }
        return canonical;
    }

    public static String phoneNumber(String raw, NormalizationCounts counts) throws InvalidValueException {
        String s = HalfWidth.normalized(raw, counts);
        String written = s.replaceFirst("^\\((0[0-9]+)\\)\\s*", "$1-").replace(' ', '-').replace('ー', '-');
        String digits = written.replace("-", "");
        if (!digits.matches("0[0-9]{9,10}") || !written.matches("[0-9]+(-[0-9]+)*")) {
            throw new InvalidValueException("phone-format",
                    "「" + raw + "」は電話番号（0から始まる10桁か11桁、例: 054-625-0128）ではありません",
                    "'" + raw + "' is not a phone number (10 or 11 digits starting with 0, e.g. 054-625-0128)");
        }
        if (!written.equals(s)) {
            counts.add(Normalization.CODE_FORMAT);
        }
        return written;
    }
}
