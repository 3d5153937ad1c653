package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gzip copy made beside the writing holds the whole file, and is hashed and sized as stored. */
class GzipCopyTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatGrowsPastTheSizeGetsAWholeCopyMadeWhileItIsWritten() throws Exception {
        byte[] content = content(3_000_000);
        Path file = dir.resolve("rows.nt");
        Path gz = dir.resolve("rows.nt.gz");
        GzipCopy copy = new GzipCopy(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), file);
        copy.copyAbove(1_000_000, gz, Format.NTRIPLES_GZIP, Long.MAX_VALUE);
        write(copy, content);
        copy.close();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        PublishedFile published = copy.copy();
        assertThat(published.format()).isEqualTo(Format.NTRIPLES_GZIP);
        assertThat(published.bytes()).isEqualTo(Files.size(gz));
        assertThat(published.sha256()).isEqualTo(Sha256.of(gz));
    }

    @Test
    void aFileThatGrowsPastTheSecondSizeIsGivenUpAndOnlyItsCopyIsKept() throws Exception {
        byte[] content = content(5_000_000);
        Path file = dir.resolve("big.nt");
        Path gz = dir.resolve("big.nt.gz");
        GzipCopy copy = new GzipCopy(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), file);
        copy.copyAbove(1_000_000, gz, Format.NTRIPLES_GZIP, 2_000_000);
        write(copy, content);
        assertThat(copy.plainDropped()).isTrue();
        assertThat(Files.size(file)).as("nothing more is written to it").isLessThan(2_200_000);
        copy.close();
        assertThat(file).doesNotExist();
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(copy.copy().sha256()).isEqualTo(Sha256.of(gz));
    }

    @Test
    void aFileThatStaysSmallGetsNoCopy() throws Exception {
        Path file = dir.resolve("small.nt");
        GzipCopy copy = new GzipCopy(Files.newOutputStream(file), file);
        copy.copyAbove(1_000_000, dir.resolve("small.nt.gz"), Format.NTRIPLES_GZIP, 1_000_000);
        write(copy, content(1_000_000));
        copy.close();
        assertThat(copy.copy()).isNull();
        assertThat(copy.plainDropped()).isFalse();
        assertThat(Files.readAllBytes(file)).hasSize(1_000_000);
        assertThat(dir.resolve("small.nt.gz")).doesNotExist();
    }

    /** Lines of N-Triples-like text, in blocks of varying size as the encoders hand them over. */
    private static byte[] content(int size) {
        SplittableRandom random = new SplittableRandom(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            out.writeBytes(("<http://example.jp/rows/" + random.nextInt(100_000) + "> <http://example.jp/p> \"施設"
                    + random.nextInt() + "\" .\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    private static void write(GzipCopy copy, byte[] content) throws Exception {
        SplittableRandom random = new SplittableRandom(9);
        int at = 0;
        while (at < content.length) {
            int n = Math.min(content.length - at, 1 + random.nextInt(70_000));
            copy.write(content, at, n);
            at += n;
        }
    }
}
