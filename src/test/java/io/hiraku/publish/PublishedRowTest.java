package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each cell's bytes are the JDK encoder's UTF-8 of its published text, with what must be escaped noted. */
class PublishedRowTest {
    private static final String[] PIECES = {"a", "<http://example.jp/rows/1>", " ", "\"", "\n", "\r", ",", "\\", "中央公民館",
        "ｱｲｳ", "〒", "é", "😀", "\uD83D", "\uDE00", "①", "～", "\u0000", "\u0001", "\u007F", "\u0080", "\u07FF", "\u0800", "\uFFFF"};

    @Test
    void cellsAreTheJdksUtf8AndTheirFlagsSayWhatToEscape() {
        SplittableRandom random = new SplittableRandom(3);
        PublishedRow.Encoder encoder = new PublishedRow.Encoder(List.of());
        for (int n = 0; n < 500; n++) {
            String[] texts = new String[1 + random.nextInt(20)];
            for (int c = 0; c < texts.length; c++) {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(random.nextInt(8) == 0 ? 400 : 6); i > 0; i--) {
                    text.append(PIECES[random.nextInt(PIECES.length)]);
                }
                texts[c] = text.toString();
            }
            PublishedRow row = encoder.encode(n + 1, texts);
            assertThat(row.number()).isEqualTo(n + 1);
            for (int c = 0; c < texts.length; c++) {
                String t = texts[c];
                byte[] cell = Arrays.copyOfRange(row.bytes(), row.start(c), row.end(c));
                assertThat(cell).as("'%s'", t).isEqualTo(t.getBytes(StandardCharsets.UTF_8));
                assertThat(row.has(c, PublishedRow.CSV_SPECIAL)).as("'%s'", t).isEqualTo(t.matches("(?s).*[,\"\r\n].*"));
                assertThat(row.has(c, PublishedRow.ESCAPED)).as("'%s'", t).isEqualTo(t.matches("(?s).*[\"\\\\\\x00-\\x1F\\x7F].*"));
            }
        }
    }
}
