package io.hiraku.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes what goes through it to a file and, once the file has grown past a size, also a gzip copy of
 * it, made by a thread of its own while the file is still being written (the bytes written before it
 * started are read back from the file first), compressed on as many threads as there are cores, up to
 * four ({@link ParallelGzipStream}). Past a second size the file itself is given up and deleted at the
 * end: only the copy is published (a large table's N-Triples). Deflate's fastest level: N-Triples
 * repeat so much that it still shrinks them about tenfold, at a third of the default level's time.
 * Blocks go to the thread in
 * {@value #DEPTH} buffers of {@value #BLOCK} bytes that it hands back once compressed: memory is bounded,
 * and a file of gigabytes is not copied into as many new arrays for the garbage collector.
 */
final class GzipCopy extends OutputStream {
    private static final int DEPTH = 32;
    private static final int BLOCK = 1 << 16;

    /** Bytes for the compressing thread: {@code length} of a pooled buffer's. */
    private record Block(byte[] data, int length) {
    }

    private static final Block END = new Block(new byte[0], 0);

    private final OutputStream file;
    private final Path path;
    private long written;
    private long above = Long.MAX_VALUE;
    private long plainUpTo = Long.MAX_VALUE;
    private boolean plainDropped;
    private Path target;
    private Format format;
    private BlockingQueue<Block> blocks;
    /** Buffers the compressing thread is done with. */
    private BlockingQueue<byte[]> free;
    private Thread thread;
    private volatile Throwable failure;
    private CountingDigestStream compressed;
    private BackgroundFlush flush;
    private FileChannel copyChannel;

    /** Has the copy forced to disk as it grows, by {@code flush}'s thread. */
    void flushWith(BackgroundFlush flush) {
        this.flush = flush;
    }

    /** @param path the file {@code file} writes to (read back when the copy starts) */
    GzipCopy(OutputStream file, Path path) {
        this.file = file;
        this.path = path;
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
        if (thread == null && written > above) {
            start();
        } else if (thread != null) {
            for (int at = off; at < off + len; at += BLOCK) {
                int n = Math.min(BLOCK, off + len - at);
                byte[] buffer = take(free);
                System.arraycopy(b, at, buffer, 0, n);
                put(new Block(buffer, n));
            }
            if (!plainDropped && written > plainUpTo) {
                plainDropped = true; // the copy has what was written before it started: it read it back at its start
                file.close();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (!plainDropped) {
            file.flush();
        }
    }

    /** Closes the file (deleting it if it was given up); then waits for the copy, if one was started. */
    @Override
    public void close() throws IOException {
        if (plainDropped) {
            Files.deleteIfExists(path);
        } else {
            file.close();
        }
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
        blocks = new ArrayBlockingQueue<>(DEPTH + 1);
        free = new ArrayBlockingQueue<>(DEPTH);
        for (int i = 0; i < DEPTH; i++) {
            free.add(new byte[BLOCK]);
        }
        FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        compressed = new CountingDigestStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
        copyChannel = channel;
        long already = written;
        InputStream head = Files.newInputStream(path); // opened here: the file may be given up (deleted) before the thread reads it
        thread = new Thread(() -> compress(head, already), "hiraku-gzip " + target.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** On the copy's thread: the file's first bytes, then each block as it comes. */
    private void compress(InputStream head, long already) {
        try (InputStream in = head; ParallelGzipStream gzip = new ParallelGzipStream(compressed,
                Math.min(4, Runtime.getRuntime().availableProcessors()), target.getFileName().toString())) {
            byte[] buffer = new byte[1 << 16];
            for (long left = already; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(path + " is shorter than what was written to it");
                }
                gzip.write(buffer, 0, n);
                left -= n;
            }
            long flushedAt = 0;
            for (Block block = blocks.take(); block != END; block = blocks.take()) {
                gzip.write(block.data(), 0, block.length());
                free.add(block.data());
                if (flush != null && compressed.bytes() - flushedAt >= BackgroundFlush.EVERY) {
                    flushedAt = compressed.bytes();
                    flush.request(copyChannel);
                }
            }
        } catch (InterruptedException e) {
            failure = e;
        } catch (Throwable t) {
            failure = t;
            blocks.clear(); // the writer must not wait on a copy that failed
        }
    }

    private void put(Block block) throws IOException {
        rethrow();
        try {
            while (!blocks.offer(block, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                checkAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing " + path);
        }
    }

    /** A buffer the compressing thread is done with, waiting for one while it works. */
    private byte[] take(BlockingQueue<byte[]> pool) throws IOException {
        try {
            byte[] buffer;
            while ((buffer = pool.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
                checkAlive();
            }
            return buffer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing " + path);
        }
    }

    /** The writer must not wait on a copy that failed or stopped. */
    private void checkAlive() throws IOException {
        rethrow();
        if (!thread.isAlive()) {
            throw new IOException("the gzip copy of " + path + " stopped");
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
