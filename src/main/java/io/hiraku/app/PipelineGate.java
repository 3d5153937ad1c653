package io.hiraku.app;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;

/**
 * One piece of work at a time changes the store in a running pipeline: a drop (from its folder or the ingest
 * bucket), a catalog rebuild of the timers, or an operator's request handed over by a command
 * ({@link OperatorRequests}: a withdrawal, a prune). The routes that start such work name it as their
 * {@code routePolicy}; a request waits for the drop in hand to end, and the next drop for the request.
 */
public final class PipelineGate extends RoutePolicySupport {
    private static final String HELD = "hiraku.gateHeld";
    private final Semaphore gate = new Semaphore(1, true);

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        gate.acquireUninterruptibly();
        exchange.setProperty(HELD, Boolean.TRUE);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (exchange.removeProperty(HELD) != null) {
            gate.release();
        }
    }

    /** Does the work once no drop or rebuild is under way, and lets the next one in after it. */
    <T> T exclusively(Callable<T> work) throws Exception {
        gate.acquire();
        try {
            return work.call();
        } finally {
            gate.release();
        }
    }
}
