package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The pieces compressed on several threads make one ordinary gzip member, as small as one thread's. */
class ParallelGzipStreamTest {
    @Test
    void anyLengthReadsBackAsOneGzipMember() throws Exception {
        int unit = ParallelGzipStream.UNIT;
        byte[] content = content(5 * unit + 12_345);
        SplittableRandom random = new SplittableRandom(21);
        for (int length : new int[] {0, 1, unit - 1, unit, unit + 1, 3 * unit, content.length}) {
            byte[] input = Arrays.copyOf(content, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ParallelGzipStream gzip = new ParallelGzipStream(out, 3, "test")) {
                for (int at = 0; at < length; ) { // in writes of any size, as the blocks come
                    int n = Math.min(length - at, 1 + random.nextInt(100_000));
                    gzip.write(input, at, n);
                    at += n;
                }
            }
            byte[] gz = out.toByteArray();
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                assertThat(in.readAllBytes()).as("length %d", length).isEqualTo(input);
            }
            // one deflate stream from the header to the trailer: not several members one after another
            Inflater inflater = new Inflater(true);
            inflater.setInput(gz, 10, gz.length - 18);
            byte[] sink = new byte[1 << 16];
            long inflated = 0;
            while (!inflater.finished()) {
                inflated += inflater.inflate(sink);
            }
            assertThat(inflater.getRemaining()).isZero();
            assertThat(inflated).isEqualTo(length);
        }
    }

    @Test
    void compressesAboutAsWellAsOneDeflater() throws Exception {
        byte[] content = content(20 * ParallelGzipStream.UNIT);
        ByteArrayOutputStream parallel = new ByteArrayOutputStream();
        try (ParallelGzipStream gzip = new ParallelGzipStream(parallel, 2, "test")) {
            gzip.write(content);
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(single) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(content);
        }
        assertThat((double) parallel.size()).isLessThan(single.size() * 1.02);
    }

    /** N-Triples-like lines. */
    private static byte[] content(int size) {
        SplittableRandom random = new SplittableRandom(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            int row = random.nextInt(1_000_000);
            out.writeBytes(("<http://example.jp/datasets/shops/rows/" + row + "> <http://example.jp/datasets/shops/schema#名称> \"店舗"
                    + random.nextInt() + "\" .\n").getBytes(StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }
}
