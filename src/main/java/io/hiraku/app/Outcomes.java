package io.hiraku.app;

import java.util.EnumMap;
import java.util.Map;

/** Counts how the drops of this run ended; {@code publish --once} waits on it and takes its exit code from it. */
public final class Outcomes {
    private final Map<IngestJob.Outcome, Integer> counts = new EnumMap<>(IngestJob.Outcome.class);
    private int total;

    public synchronized void record(IngestJob.Outcome outcome) {
        counts.merge(outcome, 1, Integer::sum);
        total++;
        notifyAll();
    }

    /** Waits until at least {@code n} drops have ended; false if the timeout passed first. */
    public synchronized boolean awaitAtLeast(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (total < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public synchronized int count(IngestJob.Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    public synchronized int total() {
        return total;
    }

    @Override
    public synchronized String toString() {
        return counts.toString();
    }
}
