package io.hiraku.app;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the work folder's disk has room to take another drop: at least {@code hiraku.disk.min-free-mb}
 * free beyond the drop's own size (it is copied to the archive first, and its release is staged there).
 * A drop without room is not taken: it waits in its drop folder, where it is safe, instead of failing
 * half-way for want of space, and is taken by itself once space is freed. Operators see it in the log
 * (once a drop), on {@code /observe/health} (readiness DOWN) and in the metrics.
 */
public final class DiskRoom {
    private static final Logger LOG = LoggerFactory.getLogger(DiskRoom.class);
    private static final long MB = 1024L * 1024L;
    /** A drop held back counts as waiting while it has been seen this recently (polls come every second or so). */
    private static final Duration SEEN = Duration.ofSeconds(30);

    private final Path folder;
    private final long minFree;
    private final Clock clock;
    private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
    private volatile FileStore disk;

    /** @param minFreeBytes 0 takes every drop whatever the room */
    public DiskRoom(Path folder, long minFreeBytes, Clock clock) {
        this.folder = folder;
        this.minFree = minFreeBytes;
        this.clock = clock;
    }

    /**
     * @param drop  the drop's name for the log ({@code <department>/<file>})
     * @param bytes its size (0 where it is not known yet)
     */
    public boolean admits(String drop, long bytes) {
        if (minFree <= 0) {
            return true;
        }
        long free = free();
        if (free < 0 || free >= minFree + bytes) {
            if (waiting.remove(drop) != null) {
                LOG.info("{} is taken now: the work folder's disk has {} MB free", drop, free / MB);
            }
            return true;
        }
        if (waiting.put(drop, clock.instant()) == null) {
            LOG.warn("{} ({} MB) waits in its drop folder: the disk of the work folder {} has {} MB free, less than "
                            + "hiraku.disk.min-free-mb ({} MB) beyond the drop's size; it is taken by itself once space "
                            + "is freed there", drop, (bytes + MB - 1) / MB, folder, free / MB, minFree / MB);
        }
        return false;
    }

    /** Drops held back for want of room, seen lately (one taken away meanwhile stops counting). */
    public int waiting() {
        Instant recent = clock.instant().minus(SEEN);
        waiting.values().removeIf(seen -> seen.isBefore(recent));
        return waiting.size();
    }

    /** The work folder's disk's free bytes for Hiraku, or -1 where it cannot be read. */
    public long free() {
        try {
            FileStore store = disk;
            if (store == null) {
                // found once the folder is there (it reads the system's mount table); its free space is asked each time
                boolean there = Files.isDirectory(folder);
                store = Files.getFileStore(there ? folder : folder.getParent());
                if (there) {
                    disk = store;
                }
            }
            return store.getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public long minFree() {
        return minFree;
    }

    public Path folder() {
        return folder;
    }
}
