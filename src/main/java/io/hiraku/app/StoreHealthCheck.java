package io.hiraku.app;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the pipeline on the management server's {@code /observe/health}: DOWN (degraded: the
 * pipeline lives, nothing is lost, but nothing can be published) while drops wait for an object store
 * that cannot be reached or is full, with how many wait and the last error; UP otherwise. Liveness is Camel's own.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {
    private final Receipts receipts;

    public StoreHealthCheck(Receipts receipts) {
        super("hiraku", "object-store");
        this.receipts = receipts;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int waiting = receipts.waitingForStore();
        builder.detail("drops.waiting", waiting);
        if (waiting > 0) {
            builder.detail("state", "degraded");
            boolean full = receipts.lastStoreFull();
            builder.message("degraded: the object store " + (full ? "is full" : "cannot be reached") + "; " + waiting
                    + " drop(s) wait and will be published " + (full ? "once space is freed" : "when it is back") + ": "
                    + receipts.lastStoreError());
            builder.down();
        } else {
            builder.up();
        }
    }
}
