package io.hiraku.publish;

import java.nio.file.Path;

/** A file of a release: where it is staged, its name in the store, its format, size and sha256. */
public record PublishedFile(Path path, String name, Format format, long bytes, String sha256) {
}
