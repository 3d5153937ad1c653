package io.hiraku.validate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys seen so far in a column or a primary key, with the row each was first seen in: exact (keys
 * are compared byte for byte, never by hash alone) and compact. A {@code HashMap<String, Long>} costs
 * about 110 bytes per key (a String, its bytes, a node, a boxed Long); here a key costs its UTF-8
 * bytes plus about 24 bytes (its record in an append-only arena of 1 MiB chunks, and a slot of an
 * open-addressing table of offsets and 32-bit hashes), so a million keys of 14 characters take about
 * 40 MB instead of 110 MB and no per-key objects stay alive for the garbage collector to trace.
 */
final class KeyIndex {
    private static final int CHUNK = 1 << 20;
    private static final double LOAD = 0.7;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk;
    private int chunkUsed;
    /** Per slot: the record's place, (chunk index << 32 | offset) + 1; 0 for an empty slot. */
    private long[] places = new long[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int size;
    private byte[] encoded = new byte[64];

    /**
     * Records the key with its row unless it is there already.
     *
     * @return the row the key was first seen in, or -1 when it is new (and now recorded)
     */
    long putIfAbsent(String key, long row) {
        int length = encode(key);
        byte[] bytes = encoded;
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

    int size() {
        return size;
    }

    /** A record is the key's length (4 bytes), its bytes, then the row (8 bytes). */
    private long append(byte[] bytes, int length, long row) {
        int need = 4 + length + 8;
        if (chunk == null || chunkUsed + need > chunk.length) {
            chunk = new byte[Math.max(CHUNK, need)];
            chunks.add(chunk);
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
