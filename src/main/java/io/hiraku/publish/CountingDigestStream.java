package io.hiraku.publish;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes the bytes written through it, so a file's size and sha256 come for free. */
final class CountingDigestStream extends FilterOutputStream {
    private final MessageDigest digest = Sha256.newDigest();
    private long bytes;
    private String sha256;

    CountingDigestStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        digest.update(b, off, len);
        bytes += len;
    }

    @Override
    public void close() throws IOException {
        super.close();
        if (sha256 == null) {
            sha256 = Sha256.hex(digest);
        }
    }

    long bytes() {
        return bytes;
    }

    String sha256() {
        return sha256;
    }
}
