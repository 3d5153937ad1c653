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

    FormatWriter(Path path, Format format) throws IOException {
        this.path = path;
        this.format = format;
        this.counted = new CountingDigestStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
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
