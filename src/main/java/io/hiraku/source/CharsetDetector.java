package io.hiraku.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a file's encoding by strict trial decoding, streaming, the way that worked on the corpus:
 * a byte-order mark; else strict UTF-8; else strict windows-31j (CP932, which keeps ～ ① ㈱ № that
 * Java's "Shift_JIS" corrupts) if the text it gives is plausible Japanese; else windows-1252 when the
 * bytes are Western text that CP932 would turn into nonsense. Never a silent single-byte fallback:
 * a file with control bytes, or that no candidate decodes, is refused with the byte offset and line.
 */
public final class CharsetDetector {
    public static final Charset CP932 = Charset.forName("windows-31j");
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    public static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final int BUFFER = 64 * 1024;

    public DetectedCharset detect(Path file, String pinned) throws IOException, UndecodableFileException {
        if (pinned != null && !"auto".equalsIgnoreCase(pinned)) {
            return pinned(file, Charset.forName(pinned));
        }
        byte[] head = new byte[4];
        int headLength;
        try (InputStream in = Files.newInputStream(file)) {
            headLength = in.readNBytes(head, 0, 4);
        }
        if (headLength >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            Failure f = Utf8Text.check(file, 3) ? null : firstFailure(file, StandardCharsets.UTF_8, 3);
            if (f != null) {
                throw undecodable(file, f, "UTF-8 (BOM)");
            }
            return new DetectedCharset(StandardCharsets.UTF_8, 3, "UTF-8（BOM付き）", "UTF-8 (byte-order mark)");
        }
        if (headLength >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new DetectedCharset(StandardCharsets.UTF_16LE, 2, "UTF-16LE（BOM付き）", "UTF-16LE (byte-order mark)");
        }
        if (headLength >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new DetectedCharset(StandardCharsets.UTF_16BE, 2, "UTF-16BE（BOM付き）", "UTF-16BE (byte-order mark)");
        }
        if (Utf8Text.check(file, 0)) {
            // the common case in one fast pass; any other file takes the passes below, which say what is wrong
            return new DetectedCharset(StandardCharsets.UTF_8, 0, "UTF-8（全体が正しいUTF-8として読めました）",
                    "UTF-8 (the whole file is valid UTF-8)");
        }
        Failure control = firstControlByte(file);
        if (control != null) {
            throw new UndecodableFileException(control.offset, control.line,
                    "バイト位置 " + control.offset + "（" + control.line + "行目）に制御文字があります。"
                            + "テキスト（CSV）ファイルではないようです",
                    "control byte at byte offset " + control.offset + " (line " + control.line
                            + "): this does not look like a text (CSV) file");
        }
        Failure utf8 = firstFailure(file, StandardCharsets.UTF_8, 0);
        if (utf8 == null) {
            return new DetectedCharset(StandardCharsets.UTF_8, 0, "UTF-8（全体が正しいUTF-8として読めました）",
                    "UTF-8 (the whole file is valid UTF-8)");
        }
        Failure cp932 = firstFailure(file, CP932, 0);
        Failure eucJp = firstFailure(file, EUC_JP, 0);
        if (eucJp == null) {
            double eucShare = JapaneseEvidence.commonShare(file, EUC_JP);
            double sjisShare = cp932 == null ? -1 : JapaneseEvidence.commonShare(file, CP932);
            if (eucShare > sjisShare && eucShare >= 0.5) {
                return new DetectedCharset(EUC_JP, 0,
                        String.format("EUC-JP: UTF-8として不正なバイトがあり、EUC-JPでは非ASCII文字の%.0f%%がかな・漢字でした"
                                + "（CP932では%.0f%%）", eucShare * 100, Math.max(sjisShare, 0) * 100),
                        String.format("EUC-JP: not UTF-8; as EUC-JP %.0f%% of the non-ASCII characters are kana or kanji "
                                + "(as CP932: %.0f%%)", eucShare * 100, Math.max(sjisShare, 0) * 100));
            }
        }
        if (cp932 == null) {
            JapaneseEvidence evidence = JapaneseEvidence.of(file);
            if (evidence.plausible()) {
                return new DetectedCharset(CP932, 0,
                        "Shift_JIS（CP932）: UTF-8として不正なバイトがあり（位置 " + utf8.offset + "）、CP932では"
                                + evidence.describeJa(),
                        "Shift_JIS (CP932): not UTF-8 (invalid byte at offset " + utf8.offset + "); as CP932 "
                                + evidence.describeEn());
            }
            return new DetectedCharset(WINDOWS_1252, 0,
                    "Windows-1252（欧文）: CP932として読むと" + evidence.describeJa() + "、日本語として不自然です",
                    "Windows-1252 (Western): read as CP932 it " + evidence.describeEn() + ", which is not Japanese text");
        }
        if (JapaneseEvidence.looksWestern(file)) {
            return new DetectedCharset(WINDOWS_1252, 0,
                    "Windows-1252（欧文）: UTF-8でもCP932でもなく、非ASCII文字が欧文の綴りの中にあります",
                    "Windows-1252 (Western): neither UTF-8 nor CP932, and its non-ASCII letters sit inside Latin words");
        }
        Failure furthest = cp932.offset >= utf8.offset ? cp932 : utf8;
        throw undecodable(file, eucJp != null && eucJp.offset > furthest.offset ? eucJp : furthest,
                "UTF-8, CP932, EUC-JP");
    }

    private DetectedCharset pinned(Path file, Charset charset) throws IOException, UndecodableFileException {
        Failure f = charset.equals(StandardCharsets.UTF_8) && Utf8Text.check(file, 0) ? null : firstFailure(file, charset, 0);
        if (f != null) {
            throw undecodable(file, f, charset.name());
        }
        return new DetectedCharset(charset, 0, charset.name() + "（定義で指定）", charset.name() + " (set by the definition)");
    }

    private static UndecodableFileException undecodable(Path file, Failure f, String tried) {
        return new UndecodableFileException(f.offset, f.line,
                "文字コードを判定できません（" + tried + " を試しました）。バイト位置 " + f.offset + "（" + f.line
                        + "行目）のバイト 0x" + String.format("%02X", f.value)
                        + " が読めません。UTF-8で保存し直してください",
                "cannot tell the encoding (tried " + tried + "): byte 0x" + String.format("%02X", f.value)
                        + " at byte offset " + f.offset + " (line " + f.line
                        + ") does not decode; save the file as UTF-8");
    }

    record Failure(long offset, long line, int value) {
    }

    /** Decodes the whole file strictly and returns where it first fails, or null if it decodes. */
    static Failure firstFailure(Path file, Charset charset, int skip) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        long consumed = skip;
        long lines = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            stream.skipNBytes(skip);
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int n = stream.read(in.array(), in.position(), in.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        in.position(in.position() + n);
                    }
                }
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, eof);
                lines += countNewlines(in.array(), before, in.position());
                consumed += in.position() - before;
                if (result.isError()) {
                    return new Failure(consumed, lines, in.get(in.position()) & 0xFF);
                }
                out.clear();
                in.compact();
                if (eof && in.position() == 0) {
                    CoderResult flush = decoder.flush(out);
                    return flush.isError() ? new Failure(consumed, lines, 0) : null;
                }
                if (eof && result.isUnderflow() && in.position() > 0) {
                    return new Failure(consumed, lines, in.get(0) & 0xFF);
                }
            }
        }
    }

    private static long countNewlines(byte[] bytes, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The first control byte of the file, or null; a table lookup per byte, lines counted only when one is found. */
    private static Failure firstControlByte(Path file) throws IOException {
        byte[] buf = new byte[BUFFER];
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (Utf8Text.CONTROL[buf[i] & 0xFF]) {
                        return new Failure(offset + i, lineOf(file, offset + i), buf[i] & 0xFF);
                    }
                }
                offset += n;
            }
        }
        return null;
    }

    /** The line (from 1) holding the byte at {@code offset}. */
    private static long lineOf(Path file, long offset) throws IOException {
        byte[] buf = new byte[BUFFER];
        long line = 1;
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while (read < offset && (n = in.read(buf, 0, (int) Math.min(buf.length, offset - read))) > 0) {
                line += countNewlines(buf, 0, n);
                read += n;
            }
        }
        return line;
    }
}
