package io.hiraku.publish;

import java.io.IOException;

/**
 * The object store cannot be reached or answers that it is unavailable (connection refused, timeouts,
 * 5xx, throttling that outlasted the SDK's own retries). Nothing is wrong with the data: the pipeline
 * waits and tries again until the store is back.
 */
public class StoreUnavailableException extends IOException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
