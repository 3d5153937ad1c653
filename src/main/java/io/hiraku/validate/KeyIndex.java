package io.hiraku.validate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys seen so far in a column or a primary key, with the row each was first seen in: exact (keys
 * are compared byte for byte, never by hash alone) and compact. A {@code HashMap<String, Long>} costs
 * about 110 bytes per key (a String, its bytes, a node, a boxed Long); here a key costs its UTF-8
 * bytes plus about 24 bytes (its record in an append-only arena of 1 MiB chunks, and a slot of an
 * open-addressing table of offsets and 32-bit hashes), so a million keys of 14 characters take about
 * 40 MB instead of 110 MB and no per-key objects stay alive for the garbage collector to trace.
 *
 * <p>Memory stays within a budget whatever the number of keys: past it, every key (those held so far,
 * then each new one) is appended to one of {@value #PARTITIONS} temporary files chosen by its hash, and
 * {@link #putIfAbsent} answers "new" for now; {@link #lateRepeats} then reads the files one at a time
 * (a key and all its repeats are in the same file, in row order) and gives the repeats found there.
 */
final class KeyIndex implements Closeable {
    private static final int CHUNK = 1 << 20;
    private static final double LOAD = 0.7;
    static final int PARTITIONS = 64;

    /** A key seen again, found after the last row: the row it is in (and its line), and the first row. */
    record Repeat(String key, long row, long line, long firstRow) {
    }

    private final long budget;
    private List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int chunkUsed;
    private long arenaBytes;
    /** Per slot: the record's place, (chunk index << 32 | offset) + 1; 0 for an empty slot. */
    private long[] places = new long[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int size;
    private byte[] encoded = new byte[64];
    /** The partition files, once the keys went past the budget. */
    private Path spillDir;
    private DataOutputStream[] partitions;

    /** An index held in memory, however large. */
    KeyIndex() {
        this(Long.MAX_VALUE);
    }

    /** @param budget the bytes the index may hold in memory before its keys go to temporary files */
    KeyIndex(long budget) {
        this.budget = budget;
    }

    /**
     * Records the key with its row unless it is there already.
     *
     * @return the row the key was first seen in, or -1 when it is new (and now recorded) or, once the
     *         keys went to disk, not known until {@link #lateRepeats}
     */
    long putIfAbsent(String key, long row) {
        return putIfAbsent(key, row, -1);
    }

    /** As {@link #putIfAbsent(String, long)}, with the row's line in the file for a repeat found late. */
    long putIfAbsent(String key, long row, long line) {
        int length = encode(key);
        if (partitions == null && wouldExceedBudget(length)) {
            spillAll();
        }
        if (partitions != null) {
            spill(encoded, length, hash(encoded, length), row, line);
            return -1;
        }
        return put(encoded, length, row);
    }

    /**
     * Whether one more key could take the index past its budget: a new chunk for its record, and when the
     * table is due to grow, the old and the doubled table side by side while it is copied.
     */
    private boolean wouldExceedBudget(int length) {
        long next = arenaBytes;
        if (chunk == null || chunkUsed + 4 + length + 8 > chunk.length) {
            next += Math.max(CHUNK, 4 + length + 8);
        }
        long table = places.length * 12L;
        next += size + 1 > places.length * LOAD ? table * 3 : table;
        return next > budget;
    }

    private long put(byte[] bytes, int length, long row) {
        int hash = hash(bytes, length);
        int mask = places.length - 1;
        int slot = mix(hash) & mask;
        while (places[slot] != 0) {
            if (hashes[slot] == hash) {
                long earlier = rowIfSame(places[slot] - 1, bytes, length);
                if (earlier >= 0) {
                    return earlier;
                }
            }
            slot = (slot + 1) & mask;
        }
        places[slot] = append(bytes, length, row) + 1;
        hashes[slot] = hash;
        if (++size > places.length * LOAD) {
            grow();
        }
        return -1;
    }

    /** Whether the keys went past the budget to temporary files. */
    boolean spilled() {
        return partitions != null;
    }

    /** The folder of the temporary files, once there are any (null before). */
    Path spillDirectory() {
        return spillDir;
    }

    /** The bytes held in memory: the arena's chunks and the table (never above the budget, growth included). */
    long memoryBytes() {
        return arenaBytes + places.length * 8L + hashes.length * 4L;
    }

    /**
     * The repeats not yet reported, when the keys went to disk: each key seen again after its first row,
     * partition by partition (so in no particular order across keys). Empty for an index in memory.
     */
    List<Repeat> lateRepeats(int atMost) {
        List<Repeat> repeats = new ArrayList<>();
        if (partitions == null) {
            return repeats;
        }
        try {
            for (DataOutputStream out : partitions) {
                out.close();
            }
            for (int p = 0; p < PARTITIONS && repeats.size() < atMost; p++) {
                KeyIndex part = new KeyIndex();
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                        Files.newInputStream(partition(p)), 1 << 16))) {
                    while (repeats.size() < atMost) {
                        int length;
                        try {
                            length = in.readInt();
                        } catch (EOFException end) {
                            break;
                        }
                        byte[] bytes = in.readNBytes(length);
                        long row = in.readLong();
                        long line = in.readLong();
                        long first = part.put(bytes, length, row);
                        if (first >= 0) {
                            repeats.add(new Repeat(new String(bytes, StandardCharsets.UTF_8), row, line, first));
                        }
                    }
                }
                Files.delete(partition(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the keys back from " + spillDir, e);
        }
        return repeats;
    }

    /** Deletes the temporary files, if any. */
    @Override
    public void close() {
        if (spillDir == null) {
            return;
        }
        for (DataOutputStream out : partitions) {
            try {
                out.close();
            } catch (IOException e) {
                // deleted below all the same
            }
        }
        try (var files = Files.list(spillDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(spillDir);
        } catch (IOException e) {
            spillDir.toFile().deleteOnExit();
        }
    }

    int size() {
        return size;
    }

    /** Past the budget: the keys held so far go to the partition files in the order they came, memory is freed. */
    private void spillAll() {
        try {
            spillDir = Files.createTempDirectory("hiraku-keys-");
            partitions = new DataOutputStream[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                partitions[p] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partition(p)), 1 << 15));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the keys to a temporary folder", e);
        }
        for (int c = 0; c < chunks.size(); c++) {
            byte[] held = chunks.get(c);
            int end = c == chunks.size() - 1 ? chunkUsed : held.length;
            int at = 0;
            while (at + 4 <= end) {
                int length = getInt(held, at);
                if (length < 0 || at + 4 + length + 8 > end) {
                    break; // the unused tail of a chunk
                }
                byte[] bytes = java.util.Arrays.copyOfRange(held, at + 4, at + 4 + length);
                spill(bytes, length, hash(bytes, length), getLong(held, at + 4 + length), -1);
                at += 4 + length + 8;
            }
        }
        chunks = new ArrayList<>();
        chunk = null;
        chunkUsed = 0;
        arenaBytes = 0;
        places = new long[1 << 10];
        hashes = new int[1 << 10];
        size = 0;
    }

    private void spill(byte[] bytes, int length, int hash, long row, long line) {
        try {
            DataOutputStream out = partitions[(mix(hash) >>> 26) & (PARTITIONS - 1)];
            out.writeInt(length);
            out.write(bytes, 0, length);
            out.writeLong(row);
            out.writeLong(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the keys to " + spillDir, e);
        }
    }

    private Path partition(int p) {
        return spillDir.resolve("keys-" + p);
    }

    /**
     * The key's UTF-8 bytes into {@link #encoded} (reused: keys are mostly ASCII codes, copied byte for
     * byte without a new array per key); its length.
     */
    private int encode(String key) {
        int n = key.length();
        if (encoded.length < n) {
            encoded = new byte[Math.max(n, encoded.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
                if (encoded.length < utf8.length) {
                    encoded = new byte[utf8.length];
                }
                System.arraycopy(utf8, 0, encoded, 0, utf8.length);
                return utf8.length;
            }
            encoded[i] = (byte) c;
        }
        return n;
    }

    /** A record is the key's length (4 bytes), its bytes, then the row (8 bytes). */
    private long append(byte[] bytes, int length, long row) {
        int need = 4 + length + 8;
        if (chunk == null || chunkUsed + need > chunk.length) {
            if (chunk != null && chunkUsed + 4 <= chunk.length) {
                putInt(chunk, chunkUsed, -1); // marks the unused tail
            }
            chunk = new byte[Math.max(CHUNK, need)];
            chunks.add(chunk);
            arenaBytes += chunk.length;
            chunkUsed = 0;
        }
        long place = ((long) (chunks.size() - 1) << 32) | chunkUsed;
        putInt(chunk, chunkUsed, length);
        System.arraycopy(bytes, 0, chunk, chunkUsed + 4, length);
        putLong(chunk, chunkUsed + 4 + length, row);
        chunkUsed += need;
        return place;
    }

    private long rowIfSame(long place, byte[] bytes, int length) {
        byte[] c = chunks.get((int) (place >>> 32));
        int offset = (int) place;
        if (getInt(c, offset) != length
                || !java.util.Arrays.equals(c, offset + 4, offset + 4 + length, bytes, 0, length)) {
            return -1;
        }
        return getLong(c, offset + 4 + length);
    }

    private void grow() {
        long[] oldPlaces = places;
        int[] oldHashes = hashes;
        places = new long[oldPlaces.length * 2];
        hashes = new int[oldHashes.length * 2];
        int mask = places.length - 1;
        for (int i = 0; i < oldPlaces.length; i++) {
            if (oldPlaces[i] != 0) {
                int slot = mix(oldHashes[i]) & mask;
                while (places[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                places[slot] = oldPlaces[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    /** FNV-1a over the bytes. */
    private static int hash(byte[] bytes, int length) {
        int h = 0x811c9dc5;
        for (int i = 0; i < length; i++) {
            h = (h ^ (bytes[i] & 0xff)) * 0x01000193;
        }
        return h;
    }

    /** Spreads the hash's bits before masking (keys differing only at the end still spread). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    private static long getLong(byte[] b, int at) {
        return ((long) getInt(b, at) << 32) | (getInt(b, at + 4) & 0xffffffffL);
    }
}
