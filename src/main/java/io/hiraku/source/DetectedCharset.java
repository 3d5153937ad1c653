package io.hiraku.source;

import java.nio.charset.Charset;

/**
 * The encoding a file was found to be in, how many bytes of byte-order mark to skip, and why,
 * in words a receipt can show.
 */
public record DetectedCharset(Charset charset, int bomLength, String reasonJa, String reasonEn) {
    public String name() {
        return charset.name();
    }
}
