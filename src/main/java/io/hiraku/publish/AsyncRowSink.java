package io.hiraku.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands rows to another sink on a thread of its own, in batches through a bounded queue, so the
 * format writers run on one core while validation runs on the other. Memory is bounded by
 * {@code batchSize × depth} rows (rows are never changed). A
 * failure of the sink is thrown to the caller at its next {@link #accept} or at {@link #finish}.
 */
final class AsyncRowSink {
    private static final List<PublishedRow> END = List.of();

    /** What the thread does with each row. */
    @FunctionalInterface
    interface RowWriter {
        void write(PublishedRow row) throws IOException;
    }

    private final RowWriter target;
    private final int batchSize;
    private final BlockingQueue<List<PublishedRow>> queue;
    private final Thread thread;
    private volatile Throwable failure;
    private List<PublishedRow> batch;
    private boolean ended;

    AsyncRowSink(RowWriter target, int batchSize, int depth, String name) {
        this.target = target;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.batch = new ArrayList<>(batchSize);
        this.thread = new Thread(this::drain, "hiraku-writers " + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void accept(PublishedRow row) throws IOException {
        rethrow();
        batch.add(row);
        if (batch.size() == batchSize) {
            put(batch);
            batch = new ArrayList<>(batchSize);
        }
    }

    /** Waits until the sink has had every row; throws what it threw. */
    void finish() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        if (!batch.isEmpty()) {
            put(batch);
        }
        put(END);
        join();
        rethrow();
    }

    /** Stops the thread without waiting for the rows still queued (the release is abandoned). */
    void abandon() {
        ended = true;
        failure = failure == null ? new IllegalStateException("abandoned") : failure;
        thread.interrupt();
        queue.clear();
        join();
    }

    private void put(List<PublishedRow> rows) throws IOException {
        try {
            while (!queue.offer(rows, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow(); // the writer thread died: do not wait for room that will never come
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while handing rows to the format writers", e);
        }
    }

    private void drain() {
        try {
            while (true) {
                List<PublishedRow> rows = queue.take();
                if (rows == END) {
                    return;
                }
                for (PublishedRow row : rows) {
                    target.write(row);
                }
            }
        } catch (InterruptedException e) {
            // abandoned
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }
}
