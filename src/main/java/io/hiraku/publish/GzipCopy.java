package io.hiraku.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes what goes through it to a file and, once the file has grown past a size, also a gzip copy of
 * it, made while the file is still being written (the bytes written before it started are read back
 * from the file first) and compressed on as many threads as there are cores, up to four
 * ({@link ParallelGzipStream}, which bounds the memory in hand). Past a second size the file itself is
 * given up and deleted at the end: only the copy is published (a large table's N-Triples). Deflate's
 * fastest level: N-Triples repeat so much that it still shrinks them about tenfold, at a third of the
 * default level's time.
 */
final class GzipCopy extends OutputStream {
    private final OutputStream file;
    private final Path path;
    private long written;
    private long above = Long.MAX_VALUE;
    private long plainUpTo = Long.MAX_VALUE;
    private boolean plainDropped;
    private Path target;
    private Format format;
    /** The copy, once started. */
    private ParallelGzipStream gzip;
    private CountingDigestStream compressed;
    private FileChannel copyChannel;
    private BackgroundFlush flush;
    private long flushedAt;

    /** @param path the file {@code file} writes to (read back when the copy starts) */
    GzipCopy(OutputStream file, Path path) {
        this.file = file;
        this.path = path;
    }

    /** Has the copy forced to disk as it grows, by {@code flush}'s thread. */
    void flushWith(BackgroundFlush flush) {
        this.flush = flush;
    }

    /**
     * Makes the gzip copy ({@code target}, published as {@code format}) once more than {@code bytes} are
     * written, and gives the file itself up once more than {@code plainUpTo} are (at least {@code bytes}).
     */
    void copyAbove(long bytes, Path target, Format format, long plainUpTo) {
        this.above = bytes;
        this.target = target;
        this.format = format;
        this.plainUpTo = Math.max(plainUpTo, bytes);
    }

    /** Whether the file was given up for its copy alone (it is deleted when this is closed). */
    boolean plainDropped() {
        return plainDropped;
    }

    long written() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!plainDropped) {
            file.write(b, off, len);
        }
        written += len;
        if (gzip == null) {
            if (written > above) {
                start(); // reads back all written so far, these bytes too
            }
            return;
        }
        gzip.write(b, off, len);
        requestFlush();
        if (!plainDropped && written > plainUpTo) {
            plainDropped = true; // the copy has what was written before it started: it read it back at its start
            file.close();
        }
    }

    @Override
    public void flush() throws IOException {
        if (!plainDropped) {
            file.flush();
        }
    }

    /** Closes the file (deleting it if it was given up); then finishes the copy, if one was started. */
    @Override
    public void close() throws IOException {
        if (plainDropped) {
            Files.deleteIfExists(path);
        } else {
            file.close();
        }
        if (gzip != null) {
            gzip.close();
        }
    }

    /** The gzip copy as published, or null when the file stayed at or below the size. */
    PublishedFile copy() {
        if (gzip == null) {
            return null;
        }
        return new PublishedFile(target, target.getFileName().toString(), format, compressed.bytes(), compressed.sha256());
    }

    /** Stops the copy without finishing it (the release is abandoned). */
    void abandon() {
        if (gzip != null) {
            gzip.abandon();
        }
    }

    private void start() throws IOException {
        file.flush();
        copyChannel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        compressed = new CountingDigestStream(new BufferedOutputStream(Channels.newOutputStream(copyChannel), 1 << 16));
        gzip = new ParallelGzipStream(compressed, Math.min(4, Runtime.getRuntime().availableProcessors()),
                target.getFileName().toString());
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[1 << 16];
            for (long left = written; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(path + " is shorter than what was written to it");
                }
                gzip.write(buffer, 0, n);
                left -= n;
            }
        }
        requestFlush();
    }

    private void requestFlush() {
        if (flush != null && compressed.bytes() - flushedAt >= BackgroundFlush.EVERY) {
            flushedAt = compressed.bytes();
            flush.request(copyChannel);
        }
    }
}
