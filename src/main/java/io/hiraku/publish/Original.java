package io.hiraku.publish;

import java.nio.file.Path;

/**
 * The file as the department dropped it: name, size, sha256, the encoding it was read in, and its
 * archived copy (which the release keeps beside the published files).
 */
public record Original(String department, String fileName, long bytes, String sha256, String encoding, Path archived) {
}
