package io.hiraku.app;

import io.hiraku.publish.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * What the pipeline does with the names departments give their files: refuses names holding control
 * or bidirectional-formatting characters (they would rewrite an operator's terminal or disguise an
 * extension), prints names safely in logs, and shortens the names it derives from them (receipts,
 * journal entries) so that they stay within the 255 bytes a file system allows.
 */
final class FileNames {
    /** Room left for what is appended to a derived name (a dataset id, a time stamp, a suffix). */
    static final int DERIVED_MAX_BYTES = 150;

    private FileNames() {
    }

    static boolean hasControlCharacters(String name) {
        return name.codePoints().anyMatch(FileNames::isControl);
    }

    private static boolean isControl(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    /** The name with control characters shown as {@code \\uXXXX}, for logs. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (isControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * The name itself when it is at most {@code maxBytes} in UTF-8, else its beginning, a {@code ~}, eight
     * hex digits of its sha256 (so two long names never collide) and its extension.
     */
    static String shortened(String name, int maxBytes) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String tag = "~" + Sha256.of(name.getBytes(StandardCharsets.UTF_8)).substring(0, 8) + extension;
        int room = maxBytes - tag.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder stem = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length() - extension.length(); ) {
            int c = name.codePointAt(i);
            int bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > room) {
                break;
            }
            stem.appendCodePoint(c);
            used += bytes;
            i += Character.charCount(c);
        }
        return stem + tag;
    }
}
