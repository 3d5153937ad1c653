package io.hiraku.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before each look at the drop folders, tells a department once that a folder it put there is not read
 * (only files directly in its drop folder are drops), and renames the drops whose file name the JVM cannot read back: a
 * name in Shift_JIS/CP932 bytes, as a Windows share mounted without a UTF-8 character set writes it, or
 * any non-ASCII name where the JVM runs without a UTF-8 locale (a service started with no LANG). Camel
 * lists folders by name, so such a file could never be opened: it was never taken and never receipted
 * (without a UTF-8 locale, one Japanese name made every look at the folders fail, for every department).
 * A CP932 name becomes the same name in UTF-8 ({@code 公衆トイレ.csv}); one that no known encoding reads,
 * or any name the JVM cannot write, becomes its bytes escaped in ASCII ({@code %8C%F6….csv}). Then it is
 * a drop like any other, with a receipt under the name it has now. A file is renamed once it has been
 * left alone for the settle time, and at least {@link #QUIET}: a copy over a share that stalls for a moment
 * must not find its file gone.
 */
public final class DropNames extends DefaultPollingConsumerPollStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(DropNames.class);
    private static final Charset CP932 = Charset.forName("windows-31j");
    static final Duration QUIET = Duration.ofSeconds(10);

    private final Path ingest;
    private final Duration settle;
    private final Clock clock;
    private final Charset names = fileNameCharset();
    private final Receipts receipts;

    /** @param receipts where a department is told that a folder in its drop folder is not read */
    public DropNames(Path ingest, Duration settle, Clock clock, Receipts receipts) {
        this.receipts = receipts;
        this.ingest = ingest;
        this.settle = settle.compareTo(QUIET) > 0 ? settle : QUIET;
        this.clock = clock;
    }

    /** The charset the JVM reads and writes file names in ({@code sun.jnu.encoding}, from the locale). */
    public static Charset fileNameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        mend();
        return true;
    }

    /** Tells of folders, and renames the drops whose names cannot be read back. @return how many were renamed */
    int mend() {
        int renamed = 0;
        if (!Files.isDirectory(ingest)) {
            return 0;
        }
        try (DirectoryStream<Path> departments = Files.newDirectoryStream(ingest, Files::isDirectory)) {
            for (Path department : departments) {
                String folder = department.getFileName().toString();
                if (DropFilter.isHidden(folder)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(department)) {
                    for (Path file : files) {
                        try {
                            if (Files.isDirectory(file)) {
                                notice(folder, file);
                            } else {
                                renamed += mend(file) ? 1 : 0;
                            }
                        } catch (java.nio.file.NoSuchFileException e) {
                            // taken away (or taken) since the folder was listed
                        } catch (IOException e) {
                            LOG.warn("{}/{} could not be checked: {}", folder, escaped(rawName(file)), e.toString());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("The drop folders' file names could not be checked: {}", e.toString());
        }
        return renamed;
    }

    /** A folder in a drop folder: its files are never taken; the department is told once. */
    private void notice(String department, Path folder) throws IOException {
        String name = folder.getFileName().toString();
        if (receipts != null && !DropFilter.isHidden(name)) {
            receipts.folderIgnored(department, name);
        }
    }

    private boolean mend(Path file) throws IOException {
        byte[] raw = rawName(file);
        if (Arrays.equals(raw, file.getFileName().toString().getBytes(names))) {
            return false;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()
                || attributes.lastModifiedTime().toInstant().isAfter(clock.instant().minus(settle))) {
            return false;   // a folder, or a file still being written: looked at again at the next poll
        }
        String readable = readable(raw, names);
        Path target = file.resolveSibling(readable);
        for (int n = 2; ; n++) {
            try {
                Files.move(file, target);
                break;
            } catch (FileAlreadyExistsException e) {
                int dot = readable.lastIndexOf('.');
                target = file.resolveSibling(dot > 0 ? readable.substring(0, dot) + "-" + n + readable.substring(dot)
                        : readable + "-" + n);
            }
        }
        LOG.warn("{}/{}: its file name is not readable as {}; renamed to {} so that it is taken",
                file.getParent().getFileName(), escaped(raw), names.name(), target.getFileName());
        return true;
    }

    /**
     * A name for these bytes that the JVM can write and read back: the CP932 reading where names are
     * UTF-8 and the bytes are CP932, else the bytes escaped in ASCII; at most {@link FileNames#DERIVED_MAX_BYTES}.
     */
    static String readable(byte[] raw, Charset names) {
        String name = null;
        if (names.equals(StandardCharsets.UTF_8)) {
            try {
                name = CP932.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                name = null;
            }
            if (name != null && (name.indexOf('/') >= 0 || name.chars().anyMatch(Character::isISOControl))) {
                name = null;
            }
        }
        return FileNames.shortened(name != null ? name : escaped(raw), FileNames.DERIVED_MAX_BYTES);
    }

    /** The bytes with everything but printable ASCII (and {@code %}) as {@code %XX}. */
    static String escaped(byte[] raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** The bytes of the file's name as the file system holds them (a path's URI escapes exactly those). */
    static byte[] rawName(Path file) {
        String uri = file.toAbsolutePath().toUri().getRawPath();
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '%' && i + 2 < last.length()) {
                bytes.write(Integer.parseInt(last.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toByteArray();
    }
}
