package io.hiraku.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes rows in one format to one staged file, counting and hashing as it goes. A writer puts a row's
 * bytes into this class's buffer ({@link #put}) and the buffer goes to the file in blocks of about
 * {@value #BLOCK} bytes, so a row costs copies of bytes, not calls down a chain of streams.
 */
abstract class FormatWriter {
    private static final int BLOCK = 1 << 16;

    private final Path path;
    private final Format format;
    private final CountingDigestStream counted;
    private final GzipCopy copy;
    private final FileChannel channel;
    private byte[] buffer = new byte[BLOCK + 4096];
    private int used;
    private BackgroundFlush flush;
    private long flushedAt;

    FormatWriter(Path path, Format format) throws IOException {
        this.path = path;
        this.format = format;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.copy = new GzipCopy(new BufferedOutputStream(Channels.newOutputStream(channel), BLOCK), path);
        this.counted = new CountingDigestStream(copy);
    }

    /** Has the file (and its gzip copy) forced to disk as it grows, by {@code flush}'s thread. */
    final void flushWith(BackgroundFlush flush) {
        this.flush = flush;
        copy.flushWith(flush);
    }

    final Format format() {
        return format;
    }

    /** Writes one row. */
    abstract void write(PublishedRow row) throws IOException;

    /** Ends the document (closing brackets etc.); the buffer is written after it. */
    abstract void finishDocument() throws IOException;

    /**
     * Also writes a gzip copy ({@code target}, as {@code copyFormat}) once the file grows past {@code bytes},
     * and only the copy once it grows past {@code plainUpTo}.
     */
    final void gzipCopyAbove(long bytes, Path target, Format copyFormat, long plainUpTo) {
        copy.copyAbove(bytes, target, copyFormat, plainUpTo);
    }

    /** The gzip copy, once {@link #finish} returned; null when the file stayed small or none was asked for. */
    final PublishedFile gzipCopy() {
        return copy.copy();
    }

    /** Stops a gzip copy in progress: the release is abandoned. */
    final void abandon() {
        copy.abandon();
    }

    /** Bytes written so far, the buffer included. */
    final long bytes() {
        return copy.written() + used;
    }

    /** The file as published, or null when only its gzip copy is (see {@link #gzipCopyAbove}). */
    final PublishedFile finish() throws IOException {
        finishDocument();
        drain();
        counted.close();
        if (copy.plainDropped()) {
            return null;
        }
        return new PublishedFile(path, path.getFileName().toString(), format, counted.bytes(), counted.sha256());
    }

    /** Closes the file without finishing the document and deletes it: the format is not published after all. */
    final void discard() throws IOException {
        used = 0;
        abandon();
        counted.close();
        Files.deleteIfExists(path);
    }

    /** Hands the buffer to the file once it holds a block: called after each row. */
    final void endRow() throws IOException {
        if (used >= BLOCK) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (used > 0) {
            // once only the gzip copy is kept, the file's own hash is not needed
            (copy.plainDropped() ? copy : counted).write(buffer, 0, used);
            used = 0;
            if (flush != null && !copy.plainDropped() && copy.written() - flushedAt >= BackgroundFlush.EVERY) {
                flushedAt = copy.written();
                flush.request(channel);
            }
        }
    }

    /** Makes room for {@code n} more bytes after the {@code used} ones and gives the buffer. */
    private byte[] room(int n) {
        if (used + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(used + n, buffer.length * 2));
        }
        return buffer;
    }

    final void put(byte b) {
        room(1)[used++] = b;
    }

    final void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    final void put(byte[] bytes, int from, int to) {
        int n = to - from;
        System.arraycopy(bytes, from, room(n), used, n);
        used += n;
    }

    /** A cell's text as is. */
    final void putCell(PublishedRow row, int cell) {
        put(row.bytes(), row.start(cell), row.end(cell));
    }

    /** A cell's text with the backslash escapes of JSON or N-Triples (see {@link #escape}). */
    final void putEscaped(byte[] bytes, int from, int to, boolean json) {
        used = escape(bytes, from, to, json, room((to - from) * 6), used);
    }

    /**
     * Writes UTF-8 bytes into {@code out} at {@code at} (room for six bytes each) with the backslash escapes
     * JSON and N-Triples share: {@code \" \\ \n \r \t} (JSON also {@code \b \f}) and other controls as
     * backslash-u and four hex digits (N-Triples also DEL, which JSON leaves as it is).
     *
     * @return where the escaped bytes end
     */
    static int escape(byte[] bytes, int from, int to, boolean json, byte[] out, int at) {
        int j = at;
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c < 0 || c >= 0x20 && c != '"' && c != '\\' && (c != 0x7F || json)) {
                out[j++] = c;
                continue;
            }
            out[j++] = '\\';
            byte letter = switch (c) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                case '\b' -> json ? (byte) 'b' : 0;
                case '\f' -> json ? (byte) 'f' : 0;
                default -> 0;
            };
            if (letter != 0) {
                out[j++] = letter;
            } else {
                out[j++] = 'u';
                out[j++] = '0';
                out[j++] = '0';
                out[j++] = HEX[c >> 4];
                out[j++] = HEX[c & 0xF];
            }
        }
        return j;
    }

    /** Upper-case hex digits, for escapes and percent-encoding. */
    static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
