package io.hiraku.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes what goes through it to a file and, once the file has grown past a size, also a gzip copy of
 * it, compressed on a thread of its own while the file is still being written (the bytes written
 * before it started are read back from the file first). A large N-Triples file is thus compressed
 * beside its writing instead of after it. Deflate's fastest level: N-Triples repeat so much that it
 * still shrinks them about tenfold, at a third of the default level's time. Memory is bounded by
 * {@value #DEPTH} blocks in flight.
 */
final class GzipCopy extends OutputStream {
    private static final int DEPTH = 32;
    private static final byte[] END = new byte[0];

    private final OutputStream file;
    private final Path path;
    private long written;
    private long above = Long.MAX_VALUE;
    private Path target;
    private Format format;
    private BlockingQueue<byte[]> blocks;
    private Thread thread;
    private volatile Throwable failure;
    private CountingDigestStream compressed;

    /** @param path the file {@code file} writes to (read back when the copy starts) */
    GzipCopy(OutputStream file, Path path) {
        this.file = file;
        this.path = path;
    }

    /** Makes the gzip copy ({@code target}, published as {@code format}) once more than {@code bytes} are written. */
    void copyAbove(long bytes, Path target, Format format) {
        this.above = bytes;
        this.target = target;
        this.format = format;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        file.write(b, off, len);
        written += len;
        if (thread == null && written > above) {
            start();
        } else if (thread != null) {
            put(Arrays.copyOfRange(b, off, off + len));
        }
    }

    @Override
    public void flush() throws IOException {
        file.flush();
    }

    /** Closes the file; then waits for the copy, if one was started. */
    @Override
    public void close() throws IOException {
        file.close();
        if (thread != null && thread.isAlive()) {
            put(END);
            join();
        }
    }

    /** The gzip copy as published, or null when the file stayed at or below the size. */
    PublishedFile copy() throws IOException {
        if (thread == null) {
            return null;
        }
        rethrow();
        return new PublishedFile(target, target.getFileName().toString(), format, compressed.bytes(), compressed.sha256());
    }

    /** Stops the copy without finishing it (the release is abandoned). */
    void abandon() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void start() throws IOException {
        file.flush();
        blocks = new ArrayBlockingQueue<>(DEPTH);
        compressed = new CountingDigestStream(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16));
        long already = written;
        thread = new Thread(() -> compress(already), "hiraku-gzip " + target.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** On the copy's thread: the file's first bytes, then each block as it comes. */
    private void compress(long already) {
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buffer = new byte[1 << 16];
                long left = already;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(path + " is shorter than what was written to it");
                    }
                    gzip.write(buffer, 0, n);
                    left -= n;
                }
            }
            for (byte[] block = blocks.take(); block != END; block = blocks.take()) {
                gzip.write(block);
            }
        } catch (InterruptedException e) {
            failure = e;
        } catch (Throwable t) {
            failure = t;
            blocks.clear(); // the writer must not wait on a copy that failed
        }
    }

    private void put(byte[] block) throws IOException {
        rethrow();
        try {
            while (!blocks.offer(block, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!thread.isAlive()) {
                    throw new IOException("the gzip copy of " + path + " stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing " + path);
        }
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing " + path);
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t instanceof IOException io) {
            throw io;
        }
        if (t != null) {
            throw new IOException("gzip copy of " + path + " failed", t);
        }
    }
}
