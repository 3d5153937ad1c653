package io.hiraku.app;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts how the drops of this run ended; {@code publish --once} waits on it and takes its exit code
 * from it. A drop that feeds several datasets counts once, with its worst outcome
 * (failed over rejected over unchanged over published).
 */
public final class Outcomes {
    private final Map<String, IngestJob.Outcome> byDrop = new HashMap<>();
    private final Map<IngestJob.Outcome, Integer> counts = new EnumMap<>(IngestJob.Outcome.class);
    private int total;

    public synchronized void record(String dropKey, IngestJob.Outcome outcome) {
        IngestJob.Outcome earlier = byDrop.get(dropKey);
        if (earlier == null) {
            total++;
        } else if (severity(earlier) >= severity(outcome)) {
            return;
        } else {
            counts.merge(earlier, -1, Integer::sum);
        }
        byDrop.put(dropKey, outcome);
        counts.merge(outcome, 1, Integer::sum);
        notifyAll();
    }

    private static int severity(IngestJob.Outcome outcome) {
        return switch (outcome) {
            case DEFINED, PUBLISHED -> 0;
            case UNCHANGED -> 1;
            case REJECTED -> 2;
            case FAILED -> 3;
        };
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
