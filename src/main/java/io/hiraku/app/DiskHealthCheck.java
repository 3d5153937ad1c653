package io.hiraku.app;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness on {@code /observe/health}: DOWN (degraded: nothing is lost, but nothing new is taken) while
 * drops wait in their folders because the work folder's disk has too little room, with its free space;
 * UP otherwise.
 */
public final class DiskHealthCheck extends AbstractHealthCheck {
    private static final long MB = 1024L * 1024L;
    private final DiskRoom room;

    public DiskHealthCheck(DiskRoom room) {
        super("hiraku", "work-disk");
        this.room = room;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        int waiting = room.waiting();
        long free = room.free();
        builder.detail("drops.waiting", waiting);
        builder.detail("free.mb", free < 0 ? -1 : free / MB);
        if (waiting > 0) {
            builder.detail("state", "degraded");
            builder.message("degraded: the disk of the work folder " + room.folder() + " has " + free / MB + " MB free, "
                    + "less than hiraku.disk.min-free-mb (" + room.minFree() / MB + " MB) beyond the drops' sizes; "
                    + waiting + " drop(s) wait in their folders and are taken once space is freed");
            builder.down();
        } else {
            builder.up();
        }
    }
}
