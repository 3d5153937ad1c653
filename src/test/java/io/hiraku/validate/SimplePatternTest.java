package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simple-pattern matcher gives the regex engine's answer: for each pattern it takes, 20,000 random
 * texts built from the characters that matter to it (and a few that do not), 20,000 small edits of texts
 * that match, and the values a definition meets in practice, are matched both ways. Patterns beyond its
 * subset are left to the regex engine.
 */
class SimplePatternTest {
    private static final String ALPHABET = "0123456789-ABCabcxyz_.あア 　０";
    private static final String[] PRACTICE = {"", "123-4567", "B12", "123456-1234567", "03-1234-5678", "0123-45-6789",
            "090-12345-6789", "1234-5678", "12", "abc.xyz", "ccc", "令和6年4月1日", "令和元年5月1日", "平成１０年１月８日",
            "昭和64年1月7日", "明治45年7月30日", "大正年1月1日", "令和6年4月", "令和123年1月1日", "R6.4.1", "平成10年", "A-x", "B1-yz", "12年", "abdddf", "cdf"};

    @ParameterizedTest
    @ValueSource(strings = {"\\d{3}-\\d{4}", "[A-C]\\d{2}", "\\d{6}-\\d{7}", "0\\d{1,4}-\\d{1,4}-\\d{4}", "^\\d+$",
            "[0-9]{2,}x?", "a?b*c+", "[a-c_]+\\.[x-z]{0,3}", "[-a]b", "[a-]\\-", "\\d{0,2}[A-C]{1,2}\\d?",
            "ア+あ?", "[０-９]{3}",
            "(明治|大正|昭和|平成|令和)(元|[0-9０-９]{1,2})年[0-9０-９]{1,2}月[0-9０-９]{1,2}日",
            "(明治|大正|昭和|平成|令和)\\d+年", "(?:A|B\\d)-(x|yz?)", "\\d{1,3}(年|月)", "(ab|c)d*(e|f)"})
    void givesTheRegexEnginesAnswer(String regex) {
        SimplePattern simple = SimplePattern.of(regex).orElseThrow();
        Pattern pattern = Pattern.compile(regex);
        Random random = new Random(regex.hashCode());
        String alphabet = ALPHABET + regex.replaceAll("[\\\\^$()|?*+{}\\[\\]]", "");
        java.util.List<String> matching = new java.util.ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(16);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(simple.matches(t)).as("%s on '%s'", regex, t).isEqualTo(pattern.matcher(t).matches());
            if (simple.matches(t)) {
                matching.add(t);
            }
        }
        for (String t : PRACTICE) {
            assertThat(simple.matches(t)).as("%s on '%s'", regex, t).isEqualTo(pattern.matcher(t).matches());
            if (simple.matches(t)) {
                matching.add(t);
            }
        }
        assertThat(matching).as("texts that match %s, to edit", regex).isNotEmpty();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder(matching.get(random.nextInt(matching.size())));
            for (int edits = 1 + random.nextInt(2); edits > 0; edits--) {
                int at = random.nextInt(text.length() + 1);
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> { if (at < text.length()) text.deleteCharAt(at); }
                    default -> { if (at < text.length()) text.setCharAt(at, c); }
                }
            }
            String t = text.toString();
            assertThat(simple.matches(t)).as("%s on '%s'", regex, t).isEqualTo(pattern.matcher(t).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a|b", ".*", "\\w+", "[^a]", "a?a", "\\d{1,4}\\d", "[a-c]*b", "a+?", "\\s", "x{2,1}",
            "(a+)+b", "(ab|ac)", "(a|b)+", "(a(b|c))", "(a|b?)", "(a|)", "(\\d{1,2}|x)\\d", "(ab", "ab)", "a?(a|b)", "(ab|c)d*(e|f)?"})
    void leavesTheRestToTheRegexEngine(String regex) {
        assertThat(SimplePattern.of(regex)).as(regex).isEmpty();
    }
}
