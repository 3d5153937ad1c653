package io.hiraku.publish;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Forces a release's files to disk on a thread of its own while they are still being written, a few
 * tens of megabytes at a time. Publication ends with an fsync of every file (a release must survive a
 * power cut once it is announced); without this, gigabytes the writers left in the page cache were all
 * written then, the disk busy and every core idle. A failed force is left to that final fsync to report.
 */
final class BackgroundFlush implements Closeable {
    /** Bytes a file may grow by between two requests to force it. */
    static final long EVERY = 32L << 20;

    private final LinkedBlockingQueue<FileChannel> requests = new LinkedBlockingQueue<>();
    private final Set<FileChannel> waiting = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    BackgroundFlush(String name) {
        thread = new Thread(this::run, "hiraku-flush " + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for the channel to be forced soon (once, however often it is asked meanwhile). */
    void request(FileChannel channel) {
        if (waiting.add(channel)) {
            requests.add(channel);
        }
    }

    private void run() {
        try {
            while (true) {
                FileChannel channel = requests.take();
                waiting.remove(channel);
                try {
                    channel.force(false);
                } catch (IOException e) {
                    // closed meanwhile, or a disk error the publication's own fsync will meet and report
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
