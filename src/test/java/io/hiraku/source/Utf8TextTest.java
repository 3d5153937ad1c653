package io.hiraku.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast check says yes exactly when the JDK's strict UTF-8 decoder reads the file and it has no control byte. */
class Utf8TextTest {
    private static final byte[][] PIECES = {
        "a".getBytes(StandardCharsets.UTF_8), "0123456789,abc\n".getBytes(StandardCharsets.UTF_8),
        "中央公民館".getBytes(StandardCharsets.UTF_8), "é".getBytes(StandardCharsets.UTF_8),
        "😀".getBytes(StandardCharsets.UTF_8), "\uFFFF".getBytes(StandardCharsets.UTF_8), "\r\n\t\f".getBytes(StandardCharsets.UTF_8),
        {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, // U+D7FF, the last before the surrogates
        {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, // U+10FFFF
    };
    private static final byte[][] BAD = {
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5}, {(byte) 0xFF}, {(byte) 0x80},
        {(byte) 0xE3, (byte) 0x81}, {(byte) 0x82, (byte) 0xA0}, {0x00}, {0x01}, {0x1B}, {0x7F}, {(byte) 0x93, (byte) 0xFA},
    };

    @TempDir
    Path dir;

    @Test
    void agreesWithTheJdkDecoderOnTextGoodAndBad() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        Path file = dir.resolve("t.csv");
        for (int n = 0; n < 3_000; n++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int pieces = random.nextInt(n % 50 == 0 ? 20_000 : 60);
            for (int i = 0; i < pieces; i++) {
                out.writeBytes(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] bytes = out.toByteArray();
            int mode = random.nextInt(4);
            if (mode == 0 && bytes.length > 0) { // one bad sequence somewhere
                byte[] bad = BAD[random.nextInt(BAD.length)];
                int at = random.nextInt(bytes.length);
                byte[] spliced = new byte[bytes.length + bad.length];
                System.arraycopy(bytes, 0, spliced, 0, at);
                System.arraycopy(bad, 0, spliced, at, bad.length);
                System.arraycopy(bytes, at, spliced, at + bad.length, bytes.length - at);
                bytes = spliced;
            } else if (mode == 1 && bytes.length > 0) { // cut short, maybe inside a sequence
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Files.write(file, bytes);
            assertThat(Utf8Text.check(file, 0)).as("%s", Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 80))))
                    .isEqualTo(jdkSaysText(bytes));
        }
    }

    @Test
    void aSequenceAcrossTheReadBufferIsWhole() throws Exception {
        byte[] kanji = "館".getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            byte[] bytes = new byte[(1 << 16) - shift + kanji.length + 10];
            Arrays.fill(bytes, (byte) 'a');
            System.arraycopy(kanji, 0, bytes, (1 << 16) - shift, kanji.length);
            Path file = dir.resolve("across.csv");
            Files.write(file, bytes);
            assertThat(Utf8Text.check(file, 0)).isTrue();
            bytes[(1 << 16) - shift + 1] = 'a'; // broken in the middle
            Files.write(file, bytes);
            assertThat(Utf8Text.check(file, 0)).isFalse();
        }
    }

    private static boolean jdkSaysText(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
