package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The UTF-8 writer gives the JDK encoder's bytes, whatever the text and however it is handed over. */
class Utf8WriterTest {
    private static final String[] PIECES = {"a", "<http://example.jp/rows/1>", " ", "\"", "\n", "中央公民館", "ｱｲｳ", "〒",
            "é", "😀", "\uD83D", "\uDE00", "①", "～", "\u0000", "\u007F", "\u0080", "\u07FF", "\u0800", "\uFFFF"};

    @Test
    void writesTheSameBytesAsTheJdkEncoder() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(200); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            try (Writer jdk = new OutputStreamWriter(expected, StandardCharsets.UTF_8)) {
                jdk.write(text.toString());
            }
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            try (Utf8Writer ours = new Utf8Writer(actual, 16 + random.nextInt(64))) {
                int at = 0;
                while (at < text.length()) {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(40));
                    switch (random.nextInt(4)) {
                        case 0 -> ours.append(text, at, end);
                        case 1 -> ours.write(text.substring(at, end).toCharArray());
                        case 2 -> ours.write(text.toString(), at, end - at);
                        default -> {
                            ours.write(text.charAt(at));
                            end = at + 1;
                        }
                    }
                    at = end;
                }
            }
            assertThat(actual.toByteArray()).as("'%s'", text).isEqualTo(expected.toByteArray());
        }
    }
}
