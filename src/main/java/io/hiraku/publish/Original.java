package io.hiraku.publish;

/** The file as the department dropped it: name, size, sha256, and the encoding it was read in. */
public record Original(String department, String fileName, long bytes, String sha256, String encoding) {
}
