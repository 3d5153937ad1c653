package io.hiraku.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files under a folder, each with its size and modification time: what tells that one was edited, added
 * or removed since an earlier look, without reading any of them.
 */
public final class FileStamps {
    private FileStamps() {
    }

    /** Each regular file's path under {@code root} ("/"-separated, sorted) to "size modified-millis"; empty if none. */
    public static SortedMap<String, String> of(Path root) throws IOException {
        SortedMap<String, String> stamps = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return stamps;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                stamps.put(root.relativize(file).toString().replace('\\', '/'),
                        Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return stamps;
    }
}
