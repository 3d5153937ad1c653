package io.hiraku;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/**
 * The real public files copied from the shared corpus into {@code src/test/resources/corpus/} (their
 * sources and licences in MANIFEST.tsv there). Large ones are stored gzipped and unpacked once per
 * test run into a temporary folder, under their original names.
 */
public final class Corpus {
    private static final Path UNPACKED;

    static {
        try {
            UNPACKED = Files.createTempDirectory("hiraku-corpus");
            UNPACKED.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Corpus() {
    }

    /** The corpus file by its corpus name (e.g. {@code japanpost__KEN_ALL.CSV}), gzipped or not. */
    public static synchronized Path file(String name) {
        try {
            URL plain = Corpus.class.getResource("/corpus/" + name);
            if (plain != null) {
                return Path.of(plain.toURI());
            }
            URL gz = Corpus.class.getResource("/corpus/" + name + ".gz");
            if (gz == null) {
                throw new IllegalArgumentException("no corpus file " + name + " in src/test/resources/corpus");
            }
            Path target = UNPACKED.resolve(name);
            if (!Files.exists(target)) {
                try (InputStream in = new GZIPInputStream(gz.openStream())) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
