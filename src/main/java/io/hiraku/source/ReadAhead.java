package io.hiraku.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads rows on a thread of its own, a bounded number of batches ahead of the caller, so that decoding
 * and CSV parsing run on one core while validation runs on the other. Memory is bounded by
 * {@code batchSize × depth} rows. What the reading thread throws is thrown to the caller at the row
 * where it happened; {@link #close} stops the reading thread when the caller stops early.
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    private static final List<Object> END = List.of();

    private final BlockingQueue<List<?>> queue;
    private final Thread reader;
    private volatile boolean closed;
    private volatile Throwable failure;
    private Iterator<T> batch = java.util.Collections.emptyIterator();
    private boolean ended;

    private ReadAhead(Iterator<T> source, int batchSize, int depth, String name) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.reader = new Thread(() -> read(source, batchSize), name);
        this.reader.setDaemon(true);
    }

    /** Starts reading {@code source} ahead; the thread is named after what it reads (for thread dumps). */
    public static <T> ReadAhead<T> of(Iterator<T> source, int batchSize, int depth, String name) {
        ReadAhead<T> ahead = new ReadAhead<>(source, batchSize, depth, "hiraku-read-ahead " + name);
        ahead.reader.start();
        return ahead;
    }

    private void read(Iterator<T> source, int batchSize) {
        List<T> rows = new ArrayList<>(batchSize);
        try {
            while (!closed && source.hasNext()) {
                rows.add(source.next());
                if (rows.size() == batchSize) {
                    queue.put(rows);
                    rows = new ArrayList<>(batchSize);
                }
            }
        } catch (InterruptedException e) {
            return; // closed by the caller
        } catch (Throwable t) {
            failure = t; // thrown to the caller after the rows read before it
        }
        try {
            if (!rows.isEmpty()) {
                queue.put(rows);
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // closed by the caller
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (!batch.hasNext()) {
            if (ended) {
                return false;
            }
            List<?> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading rows", e);
            }
            if (next == END) {
                ended = true;
                rethrowFailure();
                return false;
            }
            batch = ((List<T>) next).iterator();
        }
        return true;
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.next();
    }

    /** Stops the reading thread and waits for it, so the source can be closed safely after this. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
