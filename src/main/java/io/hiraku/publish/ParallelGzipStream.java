package io.hiraku.publish;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip file (one member, RFC 1952) compressed on several threads, the way pigz does it: the input is
 * cut into units of {@value #UNIT} bytes, each deflated on its own by the JDK's Deflater at the fastest
 * level, primed with the last 32 KiB of the unit before it (so matches reach back across units as in
 * one stream) and ended with a sync flush (so the pieces join into one deflate stream); the pieces are
 * written in order, then the CRC-32 and length of the whole. Any gzip reader reads the file as usual.
 * Compressing is most of the cost of publishing a large table's N-Triples; on its own thread it had
 * the other core idle whenever the stages before it waited for it. At most {@value #IN_FLIGHT} units are
 * in hand at once, whatever the file's size. Units of 1 MiB rather than 256 KiB: priming each with its
 * dictionary is then a smaller share of the work (the deflate of a table's N-Triples took 9 % less CPU).
 */
final class ParallelGzipStream extends OutputStream {
    static final int UNIT = 1 << 20;
    private static final int WINDOW = 1 << 15;
    private static final int IN_FLIGHT = 4;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};

    private final OutputStream out;
    private final ExecutorService pool;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private final ThreadLocal<Deflater> deflaters;
    /** Unit buffers the pool's threads are done with: the only ones there are, so memory stays bounded. */
    private final java.util.concurrent.BlockingQueue<byte[]> free = new java.util.concurrent.ArrayBlockingQueue<>(IN_FLIGHT + 2);
    private byte[] unit;
    private int used;
    private byte[] window;
    private long total;
    private boolean closed;

    ParallelGzipStream(OutputStream out, int threads, String name) throws IOException {
        this.out = out;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hiraku-deflate " + name);
            t.setDaemon(true);
            return t;
        });
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
        for (int i = 0; i < IN_FLIGHT + 2; i++) {
            free.add(new byte[UNIT]);
        }
        unit = free.remove();
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        total += len;
        while (len > 0) {
            int n = Math.min(len, UNIT - used);
            System.arraycopy(b, off, unit, used, n);
            used += n;
            off += n;
            len -= n;
            if (used == UNIT) {
                submit(false);
            }
        }
    }

    /** Hands the unit in hand to the pool, writing finished units first while too many are in hand. */
    private void submit(boolean last) throws IOException {
        while (pending.size() >= IN_FLIGHT) {
            out.write(take(pending.removeFirst()));
        }
        byte[] input = unit;
        int length = used;
        byte[] dictionary = window;
        pending.addLast(pool.submit(() -> deflate(input, length, dictionary, last)));
        if (!last) {
            window = Arrays.copyOfRange(input, length - WINDOW, length);
            try {
                unit = free.take(); // at most IN_FLIGHT are in hand: one is free or soon will be
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing");
            }
            used = 0;
        }
    }

    /** On a pool thread: one unit as a piece of the deflate stream. */
    private byte[] deflate(byte[] input, int length, byte[] dictionary, boolean last) {
        Deflater deflater = deflaters.get();
        deflater.reset();
        if (dictionary != null) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(input, 0, length);
        if (last) {
            deflater.finish();
        }
        byte[] piece = new byte[length / 4 + 1024];
        int size = 0;
        try {
            while (true) {
                if (size == piece.length) {
                    piece = Arrays.copyOf(piece, piece.length * 2);
                }
                int space = piece.length - size;
                int n = deflater.deflate(piece, size, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                size += n;
                // a sync flush is complete when it left room in the buffer; the last unit when deflate says so
                if (last ? deflater.finished() : n < space) {
                    return Arrays.copyOf(piece, size);
                }
            }
        } finally {
            free.add(input);
        }
    }

    private static byte[] take(Future<byte[]> piece) throws IOException {
        try {
            return piece.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing failed", e.getCause());
        }
    }

    /** Writes the last unit, the pieces still in hand and the trailer; closes the stream under it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit(true);
            while (!pending.isEmpty()) {
                out.write(take(pending.removeFirst()));
            }
            byte[] trailer = new byte[8];
            littleEndian(trailer, 0, (int) crc.getValue());
            littleEndian(trailer, 4, (int) total); // ISIZE: the length modulo 2^32
            out.write(trailer);
        } finally {
            pool.shutdownNow();
            out.close();
        }
    }

    /** Stops compressing without finishing the file, and closes the stream under it (the release is abandoned). */
    void abandon() {
        closed = true;
        pool.shutdownNow();
        try {
            out.close();
        } catch (IOException e) {
            // the unfinished file is deleted with the staging folder
        }
    }

    private static void littleEndian(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >> 8);
        b[at + 2] = (byte) (value >> 16);
        b[at + 3] = (byte) (value >> 24);
    }
}
