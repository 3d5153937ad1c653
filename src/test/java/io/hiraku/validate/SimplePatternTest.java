package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simple-pattern matcher gives the regex engine's answer: for each pattern it takes, 20,000 random
 * texts built from the characters that matter to it (and a few that do not), and the values a
 * definition meets in practice, are matched both ways. Patterns beyond its subset are left to the
 * regex engine.
 */
class SimplePatternTest {
    private static final String ALPHABET = "0123456789-ABCabcxyz_.あア 　０";

    @ParameterizedTest
    @ValueSource(strings = {"\\d{3}-\\d{4}", "[A-C]\\d{2}", "\\d{6}-\\d{7}", "0\\d{1,4}-\\d{1,4}-\\d{4}", "^\\d+$",
            "[0-9]{2,}x?", "a?b*c+", "[a-c_]+\\.[x-z]{0,3}", "[-a]b", "[a-]\\-", "\\d{0,2}[A-C]{1,2}\\d?",
            "ア+あ?", "[０-９]{3}"})
    void givesTheRegexEnginesAnswer(String regex) {
        SimplePattern simple = SimplePattern.of(regex).orElseThrow();
        Pattern pattern = Pattern.compile(regex);
        Random random = new Random(regex.hashCode());
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(16);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String t = text.toString();
            assertThat(simple.matches(t)).as("%s on '%s'", regex, t).isEqualTo(pattern.matcher(t).matches());
        }
        for (String t : new String[] {"", "123-4567", "B12", "123456-1234567", "03-1234-5678", "0123-45-6789",
                "090-12345-6789", "1234-5678", "12", "abc.xyz", "ccc"}) {
            assertThat(simple.matches(t)).as("%s on '%s'", regex, t).isEqualTo(pattern.matcher(t).matches());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"(明治|大正|昭和|平成|令和)\\d+年", "a|b", ".*", "\\w+", "[^a]", "a?a", "\\d{1,4}\\d",
            "[a-c]*b", "a+?", "\\s", "x{2,1}", "(a+)+b"})
    void leavesTheRestToTheRegexEngine(String regex) {
        assertThat(SimplePattern.of(regex)).as(regex).isEmpty();
    }
}
