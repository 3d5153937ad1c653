package io.hiraku.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CharsetDetectorTest {
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
    private final CharsetDetector detector = new CharsetDetector();

    @TempDir
    Path dir;

    @Test
    void cp932OnlyCharactersSurviveDecoding() throws Exception {
        String text = "名称,備考\n株式会社～①㈱№㎝髙,第Ⅰ期\n";
        Path file = write("cp932.csv", text.getBytes(CharsetDetector.CP932));
        DetectedCharset found = detector.detect(file, "auto");
        assertThat(found.charset()).isEqualTo(CharsetDetector.CP932);
        assertThat(new String(Files.readAllBytes(file), found.charset())).isEqualTo(text);
        // the trap the detector avoids: Java's "Shift_JIS" turns ～ into a different character
        assertThat(new String(Files.readAllBytes(file), SHIFT_JIS)).isNotEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaizu__222127_nouen.csv", "takamatsu__0084_202304_menu_sjis.csv"})
    void realShiftJisFilesAreCp932(String name) throws Exception {
        Path file = corpus(name);
        DetectedCharset found = detector.detect(file, "auto");
        assertThat(found.charset()).isEqualTo(CharsetDetector.CP932);
        assertThat(found.reasonEn()).contains("CP932");
    }

    @Test
    void halfWidthKatakanaHeavyPostalFileIsStillJapanese() throws Exception {
        Path file = corpus("japanpost__JIGYOSYO.CSV");
        DetectedCharset found = detector.detect(file, "auto");
        assertThat(found.charset()).isEqualTo(CharsetDetector.CP932);
        String text = Files.readString(file, found.charset());
        assertThat(text).contains("㈱").contains("ｶﾌﾞｼｷｶﾞｲｼﾔ");
    }

    @Test
    void utf8FileWithCp932OnlyCharactersIsUtf8() throws Exception {
        DetectedCharset found = detector.detect(corpus("yaizu__焼津海の幸グルメマップ_サクラエビ.csv"), "auto");
        assertThat(found.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(found.bomLength()).isZero();
    }

    @Test
    void utf16WithByteOrderMarksIsRead() throws Exception {
        String text = "名称,定員\n中央公民館,120\n";
        for (Charset utf16 : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
            byte[] body = text.getBytes(utf16);
            byte[] bom = utf16 == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            byte[] bytes = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, bytes, 0, 2);
            System.arraycopy(body, 0, bytes, 2, body.length);
            Path file = write("utf16.csv", bytes);
            DetectedCharset found = detector.detect(file, "auto");
            assertThat(found.charset()).isEqualTo(utf16);
            try (Table table = Sources.open(file, found, io.hiraku.schema.SourceHints.DEFAULT)) {
                assertThat(table.header()).hasValue(java.util.List.of("名称", "定員"));
                assertThat(table.iterator().next().cells()).containsExactly("中央公民館", "120");
            }
        }
    }

    @Test
    void eucJpIsToldApartFromCp932() throws Exception {
        String text = "名称,住所,備考\n市役所,焼津市本町２丁目１６番３２号,ひらがなとカタカナ\n図書館,焼津市三ケ名,ハ行\n";
        Path file = write("euc.csv", text.getBytes(CharsetDetector.EUC_JP));
        DetectedCharset found = detector.detect(file, "auto");
        assertThat(found.charset()).isEqualTo(CharsetDetector.EUC_JP);
        assertThat(new String(Files.readAllBytes(file), found.charset())).isEqualTo(text);
        assertThat(found.reasonEn()).contains("EUC-JP");
        // and the same text in CP932 stays CP932
        assertThat(detector.detect(write("sjis.csv", text.getBytes(CharsetDetector.CP932)), "auto").charset())
                .isEqualTo(CharsetDetector.CP932);
    }

    @Test
    void byteOrderMarkIsFoundAndSkipped() throws Exception {
        byte[] body = "名称\nテスト\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        DetectedCharset found = detector.detect(write("bom.csv", withBom), "auto");
        assertThat(found.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(found.bomLength()).isEqualTo(3);
    }

    @Test
    void latin1TextThatHappensToDecodeAsCp932IsNotTakenForJapanese() throws Exception {
        byte[] latin1 = "city,country\nSão Paulo,Brasil\nMálaga,España\nGómez,Córdoba\nMérida,México\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        // these bytes are valid CP932: a naive detector would publish kanji soup
        assertThat(CharsetDetector.firstFailure(write("probe.csv", latin1), CharsetDetector.CP932, 0)).isNull();
        DetectedCharset found = detector.detect(write("latin1.csv", latin1), "auto");
        assertThat(found.charset()).isEqualTo(CharsetDetector.WINDOWS_1252);
        assertThat(new String(latin1, found.charset())).contains("São Paulo", "Córdoba");
        assertThat(found.reasonEn()).contains("Latin word");
    }

    @Test
    void westernTextThatIsNotCp932IsWindows1252() throws Exception {
        byte[] latin1 = "name\nCafé\nZürich\nStraße\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(detector.detect(write("w.csv", latin1), "auto").charset()).isEqualTo(CharsetDetector.WINDOWS_1252);
    }

    @Test
    void binaryFileIsRefusedWithTheOffset() throws Exception {
        byte[] bytes = {'P', 'K', 3, 4, 0, 0, 0};
        assertThatThrownBy(() -> detector.detect(write("fake.csv", bytes), "auto"))
                .isInstanceOfSatisfying(UndecodableFileException.class, e -> {
                    assertThat(e.byteOffset()).isEqualTo(2);
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("byte offset 2");
                });
    }

    @Test
    void bytesNoCandidateDecodesAreRefusedWithOffsetAndLine() throws Exception {
        byte[] bytes = {'a', 'b', '\n', 'c', 'd', (byte) 0x81, ' ', 'e', '\n'};
        assertThatThrownBy(() -> detector.detect(write("bad.csv", bytes), "auto"))
                .isInstanceOfSatisfying(UndecodableFileException.class, e -> {
                    assertThat(e.byteOffset()).isEqualTo(5);
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.messageJa()).contains("2行目");
                });
    }

    @Test
    void aPinnedEncodingIsCheckedStrictly() throws Exception {
        Path file = write("utf8.csv", "名称\n".getBytes(StandardCharsets.UTF_8));
        assertThat(detector.detect(file, "UTF-8").charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> detector.detect(write("sjis.csv", "名称\n".getBytes(CharsetDetector.CP932)), "UTF-8"))
                .isInstanceOf(UndecodableFileException.class);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static Path corpus(String name) {
        return io.hiraku.Corpus.file(name);
    }
}
