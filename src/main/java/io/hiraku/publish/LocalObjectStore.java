package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Properties;

/**
 * A folder acting as the object store. Each put copies to a hidden temporary name in the target
 * folder, forces it to disk, and renames it over the key, so readers (the preview server, a static
 * web server) never see a half-written object. Media type, cache control and sha256 are kept in a
 * hidden sidecar ({@code .<name>.meta}) that static hosts do not serve.
 */
public final class LocalObjectStore implements ObjectStore {
    private final Path root;

    public LocalObjectStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path file, ObjectInfo info) throws IOException {
        store(key, file, info, info.sha256(), false);
    }

    /** Takes the staged file by a hard link (no bytes copied) when it is on the same file system. */
    @Override
    public void putStaged(String key, Path file, ObjectInfo info) throws IOException {
        store(key, file, info, info.sha256(), true);
    }

    /**
     * A hard link to the stored object, renamed into place: no bytes are copied (a 1.7 GB N-Triples
     * file becomes the latest in a moment). Releases never change, so sharing their bytes is safe;
     * where links are not possible (another file system) the file is copied.
     */
    @Override
    public void copy(String fromKey, String toKey, Path sameContent, ObjectInfo info) throws IOException {
        Optional<StoredObject> stored = describe(fromKey);
        if (stored.isEmpty()) {
            put(toKey, sameContent, info);
            return;
        }
        store(toKey, resolve(fromKey), info, stored.get().sha256(), true);
    }

    /**
     * Writes the object's metadata and its bytes (a hard link to {@code content} when {@code link} and the
     * file system allows it, else a copy) under temporary names, forces both to disk, renames the bytes then
     * the metadata into place, and forces the folder once for the two renames: a write that fails leaves
     * the object as it was, bytes and metadata, and one that ended survives a power cut. The same object
     * already there (a publication taken up again) is left as it is. A disk without room for it is a store
     * that cannot take objects now ({@link StoreUnavailableException#full}): the pipeline waits until space
     * is freed. {@code sha256} null: computed from the content.
     */
    private void store(String key, Path content, ObjectInfo info, String sha256, boolean link) throws IOException {
        Path target = resolve(key);
        try {
            Properties meta = meta(info, sha256 != null ? sha256 : Sha256.of(content));
            if (sha256 != null && meta.equals(readMeta(target)) && Files.isRegularFile(target)
                    && Files.size(target) == Files.size(content)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Path metaTemp = DurableFiles.temporaryFor(metaFile(target));
            Path bytesTemp = DurableFiles.temporaryFor(target);
            try {
                java.io.StringWriter text = new java.io.StringWriter();
                meta.store(text, null);
                Files.writeString(metaTemp, text.toString(), StandardCharsets.UTF_8);
                if (!link || !linked(content, bytesTemp)) {
                    Files.copy(content, bytesTemp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                DurableFiles.force(bytesTemp);
                DurableFiles.force(metaTemp);
                DurableFiles.rename(bytesTemp, target);
                DurableFiles.rename(metaTemp, metaFile(target));
                DurableFiles.forceFolder(target.getParent());
            } finally {
                Files.deleteIfExists(bytesTemp);
                Files.deleteIfExists(metaTemp);
            }
        } catch (IOException e) {
            if (!(e instanceof StoreUnavailableException) && FullDisk.is(e, root, FullDisk.sizeOf(content) + 64 * 1024)) {
                throw StoreUnavailableException.full("the store " + root + " is full: cannot write " + key + " ("
                        + FullDisk.reason(e) + "); free space there and publishing resumes by itself", e);
            }
            throw e;
        }
    }

    /** A hard link to {@code content} at {@code temp}; false where links are not possible (another file system). */
    private static boolean linked(Path content, Path temp) {
        try {
            Files.createLink(temp, content);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Properties meta(ObjectInfo info, String sha256) {
        Properties meta = new Properties();
        meta.setProperty("contentType", info.contentType());
        meta.setProperty("cacheControl", info.cacheControl());
        meta.setProperty("sha256", sha256);
        return meta;
    }

    /** The object's metadata; empty where it has none. */
    private static Properties readMeta(Path target) throws IOException {
        Properties meta = new Properties();
        try (var in = Files.newBufferedReader(metaFile(target), StandardCharsets.UTF_8)) {
            meta.load(in);
        } catch (NoSuchFileException e) {
            // no sidecar
        }
        return meta;
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        Path path = resolve(key);
        return Files.isRegularFile(path) ? Optional.of(Files.newInputStream(path)) : Optional.empty();
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path dir = prefix.isEmpty() ? root : resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }

    @Override
    public List<Listed> listByAge(String prefix) throws IOException {
        List<Listed> listed = new java.util.ArrayList<>();
        for (String key : list(prefix)) {
            try {
                listed.add(new Listed(key, Files.getLastModifiedTime(resolve(key)).toInstant()));
            } catch (java.nio.file.NoSuchFileException e) {
                // deleted since it was listed
            }
        }
        listed.sort(java.util.Comparator.comparing(Listed::modified).thenComparing(Listed::key));
        return listed;
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = resolve(key);
        Files.deleteIfExists(path);
        Files.deleteIfExists(metaFile(path));
        // a folder left empty goes too (a pruned or withdrawn release's), as a key prefix does in S3
        for (Path folder = path.getParent(); folder != null && !folder.equals(root); folder = folder.getParent()) {
            try {
                Files.delete(folder);
            } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException e) {
                break;
            }
        }
    }

    @Override
    public Optional<StoredObject> describe(String key) throws IOException {
        Path path = resolve(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        Properties meta = readMeta(path);
        return Optional.of(new StoredObject(meta.getProperty("contentType"), meta.getProperty("cacheControl"),
                meta.getProperty("sha256"), attributes.size(),
                attributes.size() + "-" + attributes.lastModifiedTime() + "-" + attributes.fileKey()));
    }

    @Override
    public int removeLeftovers() throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).filter(DurableFiles::isTemporary).toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        }
        return removed;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private static Path metaFile(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".meta");
    }

    /** Maps a key to a path inside the root; a key that would leave it is refused. */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (key.startsWith("/") || !path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("object key '" + key + "' is outside the store");
        }
        return path;
    }
}
