package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalObjectStoreTest extends ObjectStoreContract {
    @Override
    ObjectStore store() throws Exception {
        return new LocalObjectStore(dir.resolve("store"));
    }

    @Test
    void aFolderLeftEmptyByADeleteGoesButNotTheStoreOrAFolderWithOtherObjects() throws Exception {
        LocalObjectStore store = (LocalObjectStore) store();
        Path file = Files.writeString(dir.resolve("x.csv"), "x");
        store.put("datasets/a/releases/r1/original/x.csv", file, ObjectInfo.immutable("text/csv"));
        store.put("datasets/a/releases/r1/a.csv", file, ObjectInfo.immutable("text/csv"));
        store.put("datasets/a/a.csv", file, ObjectInfo.changing("text/csv"));
        store.delete("datasets/a/releases/r1/original/x.csv");
        assertThat(store.root().resolve("datasets/a/releases/r1/original")).doesNotExist();
        assertThat(store.root().resolve("datasets/a/releases/r1/a.csv")).exists();
        store.delete("datasets/a/releases/r1/a.csv");
        assertThat(store.root().resolve("datasets/a/releases")).doesNotExist();
        assertThat(store.root().resolve("datasets/a/a.csv")).exists();
        store.delete("datasets/a/a.csv");
        assertThat(store.root()).isEmptyDirectory();
    }

    @Test
    void aKeyCannotLeaveTheStore() throws Exception {
        ObjectStore store = store();
        assertThatThrownBy(() -> store.put("../outside.csv", Files.writeString(dir.resolve("x"), "x"),
                ObjectInfo.changing("text/csv"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteThatFailsLeavesTheObjectAsItWasBytesAndMetadata() throws Exception {
        ObjectStore store = store();
        Path first = Files.writeString(dir.resolve("first.csv"), "id\n1\n");
        store.put("datasets/a/a.csv", first, ObjectInfo.changing("text/csv"));
        Path gone = dir.resolve("staged-and-gone.csv");

        assertThatThrownBy(() -> store.putStaged("datasets/a/a.csv", gone,
                ObjectInfo.immutable("application/json").withSha256("0".repeat(64))))
                .isInstanceOf(NoSuchFileException.class);

        ObjectStore.StoredObject stored = store.describe("datasets/a/a.csv").orElseThrow();
        assertThat(stored.sha256()).isEqualTo(Sha256.of(first));
        assertThat(stored.contentType()).isEqualTo("text/csv");
        assertThat(stored.cacheControl()).isEqualTo(ObjectInfo.CHANGING);
        try (Stream<Path> files = Files.list(dir.resolve("store/datasets/a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.csv", ".a.csv.meta");
        }
        // and a first write that fails leaves nothing behind, not even the metadata
        assertThatThrownBy(() -> store.putStaged("datasets/b/b.csv", gone,
                ObjectInfo.immutable("text/csv").withSha256("0".repeat(64)))).isInstanceOf(NoSuchFileException.class);
        try (Stream<Path> files = Files.list(dir.resolve("store/datasets/b"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theSameObjectPutAgainIsLeftWhereItIs() throws Exception {
        ObjectStore store = store();
        Path file = Files.writeString(dir.resolve("original.csv"), "id,名称\n1,中央公民館\n", StandardCharsets.UTF_8);
        ObjectInfo info = ObjectInfo.immutable("application/octet-stream").withSha256(Sha256.of(file));
        store.put("datasets/a/releases/1/original/a.csv", file, info);
        Path stored = dir.resolve("store/datasets/a/releases/1/original/a.csv");
        Object key = Files.readAttributes(stored, BasicFileAttributes.class).fileKey();
        org.junit.jupiter.api.Assumptions.assumeTrue(key != null, "this file system has no file keys");

        store.put("datasets/a/releases/1/original/a.csv", file, info);
        assertThat(Files.readAttributes(stored, BasicFileAttributes.class).fileKey()).as("not written again").isEqualTo(key);

        store.put("datasets/a/releases/1/original/a.csv", file, ObjectInfo.changing("text/csv").withSha256(Sha256.of(file)));
        assertThat(Files.readAttributes(stored, BasicFileAttributes.class).fileKey()).as("new metadata: written again")
                .isNotEqualTo(key);
        assertThat(store.describe("datasets/a/releases/1/original/a.csv").orElseThrow().contentType()).isEqualTo("text/csv");
    }

    @Test
    void aFullDiskIsToldFromOtherFailures() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("f"));
        IOException full = null;
        try {
            Files.write(Path.of("/dev/full"), new byte[8192]);   // the kernel's always-full device: a real ENOSPC
        } catch (IOException e) {
            full = e;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(full != null, "no /dev/full here");
        assertThat(FullDisk.is(full, folder, 1)).as(full.toString()).isTrue();
        // in another language the system's words are not known: the disk's free space decides
        long free = Files.getFileStore(folder).getUsableSpace();
        assertThat(FullDisk.is(new java.nio.file.FileSystemException("a", "b", "デバイスに空き領域がありません"), folder,
                free + (1L << 30))).isTrue();
        assertThat(FullDisk.is(new IOException("入出力エラー"), folder, 1)).isFalse();
        assertThat(FullDisk.is(new NoSuchFileException("gone.csv"), folder, free + (1L << 30))).isFalse();
        assertThat(FullDisk.is(new java.nio.file.AccessDeniedException("x"), folder, Long.MAX_VALUE)).isFalse();
    }
}
