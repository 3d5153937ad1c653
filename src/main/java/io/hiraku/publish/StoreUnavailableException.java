package io.hiraku.publish;

import java.io.IOException;

/**
 * The object store cannot take objects now: it cannot be reached or answers that it is unavailable
 * (connection refused, timeouts, 5xx, throttling that outlasted the SDK's own retries), or it is a
 * folder whose disk is full. Nothing is wrong with the data: the pipeline waits and tries again until
 * the store is back or has room.
 */
public class StoreUnavailableException extends IOException {
    private final boolean full;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreUnavailableException(String message, Throwable cause, boolean full) {
        super(message, cause);
        this.full = full;
    }

    /** The store answers but has no room left (a full disk or quota): someone must free space. */
    public static StoreUnavailableException full(String message, Throwable cause) {
        return new StoreUnavailableException(message, cause, true);
    }

    public boolean isFull() {
        return full;
    }

    /** The store failure in {@code error}'s chain of causes, or null. */
    public static StoreUnavailableException in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException s) {
                return s;
            }
        }
        return null;
    }
}
