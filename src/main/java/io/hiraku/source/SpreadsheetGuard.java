package io.hiraku.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an xlsx before any part of it is parsed: a zip bomb (too many parts, too large once
 * unpacked, or packed too tightly) and XML that declares a DTD or entities (XXE, billion laughs)
 * are refused with a clear reason. Sizes are read from the zip directory and checked again while
 * reading the prologs, so a lying directory does not get through.
 */
public final class SpreadsheetGuard {
    /**
     * Limits for one workbook. {@code maxSharedStringsBytes}: the xlsx reader keeps every distinct text of
     * the workbook in memory (its shared-strings table), so a sheet of a million rows of distinct texts
     * would not fit in the heap; such a workbook is refused with the advice to save it as CSV, which
     * streams whatever its size. Measured with bin/hiraku's 144 MB heap on sheets of a number and a
     * distinct address per row: 600,000 rows (43 MB of shared strings) published, 800,000 (57 MB) ran out
     * of memory; 32 MB (some 450,000 distinct texts) leaves room for wider rows and the key index. The
     * limit follows the heap (two ninths of it, never under 32 MB): an operator who gives Hiraku more memory
     * ({@code HIRAKU_JAVA_OPTS=-Xmx1g}: some 220 MB) can have larger workbooks read.
     */
    public record Limits(int maxEntries, long maxUnpackedBytes, int maxRatio, long maxSharedStringsBytes) {
        /** For the heap this JVM has. */
        public static final Limits DEFAULT = forHeap(Runtime.getRuntime().maxMemory());

        /** For a heap of {@code maxHeapBytes} ({@link Runtime#maxMemory()}). */
        public static Limits forHeap(long maxHeapBytes) {
            long sharedStrings = maxHeapBytes == Long.MAX_VALUE ? 32L << 20 : Math.max(32L << 20, maxHeapBytes / 9 * 2);
            return new Limits(10_000, 1L << 30, 200, sharedStrings);
        }
    }

    private static final int PROLOG_BYTES = 4096;

    private SpreadsheetGuard() {
    }

    public static void check(Path file, Limits limits) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            int entries = 0;
            long unpacked = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw refused("xlsxの中のファイルが多すぎます（" + limits.maxEntries() + "個まで）",
                            "the xlsx holds more than " + limits.maxEntries() + " parts");
                }
                long size = entry.getSize();
                long packed = entry.getCompressedSize();
                unpacked += Math.max(size, 0);
                if (unpacked > limits.maxUnpackedBytes()) {
                    throw refused("xlsxを展開すると大きすぎます（" + limits.maxUnpackedBytes() / (1 << 20) + " MBまで）",
                            "the xlsx unpacks to more than " + limits.maxUnpackedBytes() / (1 << 20) + " MB");
                }
                if (packed > 0 && size / packed > limits.maxRatio() && size > 1 << 20) {
                    throw refused("xlsxの中の「" + entry.getName() + "」が異常に高い圧縮率です（zip爆弾の疑い）",
                            "the part '" + entry.getName() + "' is compressed " + size / packed
                                    + " times: this looks like a zip bomb");
                }
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.equals("xl/sharedstrings.xml") && size > limits.maxSharedStringsBytes()) {
                    long mb = limits.maxSharedStringsBytes() >> 20;
                    throw refused("xlsxの文字列が多すぎて読めません（共有文字列 " + (size >> 20) + " MB、" + mb
                                    + " MBまで）。このシートは CSV（UTF-8）で保存して置いてください。CSV は大きさに関わらず読めます"
                                    + "（上限は Hiraku のメモリに比例します）",
                            "the workbook holds too much distinct text to read as xlsx (" + (size >> 20) + " MB of shared "
                                    + "strings, at most " + mb + " MB): save the sheet as CSV (UTF-8) and drop that; CSV "
                                    + "is read whatever its size (the limit grows with the memory Hiraku is given)");
                }
                if (name.endsWith(".xml") || name.endsWith(".rels")) {
                    checkProlog(zip, entry);
                }
            }
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw refused("xlsxの形式ではありません（xl/workbook.xml がありません）",
                        "this is not an xlsx workbook (xl/workbook.xml is missing)");
            }
        } catch (ZipException e) {
            throw refused("xlsxファイルとして開けません（壊れているか、別の形式です）: " + e.getMessage(),
                    "cannot be opened as an xlsx (damaged, or another format): " + e.getMessage());
        }
    }

    private static void checkProlog(ZipFile zip, ZipEntry entry) throws IOException {
        byte[] head;
        try (InputStream in = zip.getInputStream(entry)) {
            head = in.readNBytes(PROLOG_BYTES);
        }
        String prolog = new String(head, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        if (prolog.contains("<!DOCTYPE") || prolog.contains("<!ENTITY")) {
            throw refused("xlsxの中の「" + entry.getName() + "」がDTDや実体宣言を含んでいます（安全のため読みません）",
                    "the part '" + entry.getName() + "' declares a DTD or entities, which is not read for safety");
        }
    }

    private static MalformedTableException refused(String ja, String en) {
        return new MalformedTableException(0, ja, en, null);
    }
}
