package io.hiraku.publish;

import io.hiraku.validate.RowSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes rows in one format to one staged file, counting and hashing as it goes. */
abstract class FormatWriter implements RowSink {
    private final Path path;
    private final Format format;
    private final CountingDigestStream counted;
    private final GzipCopy copy;

    FormatWriter(Path path, Format format) throws IOException {
        this.path = path;
        this.format = format;
        this.copy = new GzipCopy(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), path);
        this.counted = new CountingDigestStream(copy);
    }

    final Format format() {
        return format;
    }

    /** Also writes a gzip copy ({@code target}, as {@code copyFormat}) once the file grows past {@code bytes}. */
    final void gzipCopyAbove(long bytes, Path target, Format copyFormat) {
        copy.copyAbove(bytes, target, copyFormat);
    }

    /** The gzip copy, once {@link #finish} returned; null when the file stayed small or none was asked for. */
    final PublishedFile gzipCopy() throws IOException {
        return copy.copy();
    }

    /** Stops a gzip copy in progress: the release is abandoned. */
    final void abandon() {
        copy.abandon();
    }

    /** The stream to write to; writers wrap it in their own encoder. */
    final OutputStream out() {
        return counted;
    }

    /** Ends the document (closing brackets etc.) and flushes the writer's own buffers. */
    abstract void finishDocument() throws IOException;

    final PublishedFile finish() throws IOException {
        finishDocument();
        counted.close();
        return new PublishedFile(path, path.getFileName().toString(), format, counted.bytes(), counted.sha256());
    }
}
