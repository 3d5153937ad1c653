package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every object store must do; run against the local folder and against a real S3 server. */
abstract class ObjectStoreContract {
    @TempDir
    Path dir;

    abstract ObjectStore store() throws Exception;

    @Test
    void anObjectReadsBackWithItsMediaTypeCacheControlAndSha256() throws Exception {
        ObjectStore store = store();
        Path file = Files.writeString(dir.resolve("a.csv"), "id,名称\n1,中央公民館\n", StandardCharsets.UTF_8);
        store.put("datasets/a/a.csv", file, ObjectInfo.changing("text/csv; charset=utf-8"));
        try (InputStream in = store.open("datasets/a/a.csv").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
        }
        ObjectStore.StoredObject stored = store.describe("datasets/a/a.csv").orElseThrow();
        assertThat(stored.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(stored.cacheControl()).isEqualTo(ObjectInfo.CHANGING);
        assertThat(stored.sha256()).isEqualTo(Sha256.of(file));
        assertThat(stored.bytes()).isEqualTo(Files.size(file));
        assertThat(store.exists("datasets/a/a.csv")).isTrue();
    }

    @Test
    void anObjectWrittenAgainHasAnotherVersion() throws Exception {
        ObjectStore store = store();
        store.put("drops/city/visits.csv", Files.writeString(dir.resolve("v1.csv"), "month,visitors\n2024-04,1200\n"),
                ObjectInfo.changing("text/csv"));
        String first = store.describe("drops/city/visits.csv").orElseThrow().version();
        assertThat(first).isNotBlank();
        assertThat(store.describe("drops/city/visits.csv").orElseThrow().version()).as("read twice").isEqualTo(first);
        store.put("drops/city/visits.csv", Files.writeString(dir.resolve("v2.csv"), "month,visitors\n2024-04,1210\n2024-05,990\n"),
                ObjectInfo.changing("text/csv"));
        assertThat(store.describe("drops/city/visits.csv").orElseThrow().version()).isNotEqualTo(first);
    }

    @Test
    void aCopyHasTheSameBytesAndSha256UnderItsOwnMediaTypeAndCacheControl() throws Exception {
        ObjectStore store = store();
        Path file = Files.writeString(dir.resolve("r.csv"), "id,名称\n1,中央公民館\n", StandardCharsets.UTF_8);
        store.put("datasets/a/releases/1/a.csv", file, ObjectInfo.immutable("text/csv").withSha256(Sha256.of(file)));
        store.put("datasets/a/a.csv", Files.writeString(dir.resolve("old.csv"), "old"), ObjectInfo.changing("text/csv"));
        store.copy("datasets/a/releases/1/a.csv", "datasets/a/a.csv", file, ObjectInfo.changing("text/csv; charset=utf-8"));
        try (var in = store.open("datasets/a/a.csv").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id,名称\n1,中央公民館\n");
        }
        var copy = store.describe("datasets/a/a.csv").orElseThrow();
        assertThat(copy.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(copy.cacheControl()).isEqualTo(ObjectInfo.CHANGING);
        assertThat(copy.sha256()).isEqualTo(Sha256.of(file));
        assertThat(store.describe("datasets/a/releases/1/a.csv").orElseThrow().cacheControl()).isEqualTo(ObjectInfo.IMMUTABLE);
        // the next latest replaces the copy, never the release it came from
        store.put("datasets/a/a.csv", Files.writeString(dir.resolve("new.csv"), "new"), ObjectInfo.changing("text/csv"));
        try (var in = store.open("datasets/a/releases/1/a.csv").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id,名称\n1,中央公民館\n");
        }
    }

    @Test
    void aStagedFileIsStoredWholeAndStaysStoredWhenTheStagingIsDeleted() throws Exception {
        ObjectStore store = store();
        Path staged = Files.writeString(dir.resolve("staged.nt"), "<a> <b> \"c\" .\n");
        store.putStaged("datasets/a/releases/1/a.nt", staged, ObjectInfo.immutable("application/n-triples"));
        Files.delete(staged);
        try (var in = store.open("datasets/a/releases/1/a.nt").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("<a> <b> \"c\" .\n");
        }
        assertThat(store.describe("datasets/a/releases/1/a.nt").orElseThrow().contentType()).isEqualTo("application/n-triples");
    }

    @Test
    void aPutReplacesTheObjectWhole() throws Exception {
        ObjectStore store = store();
        store.put("index.html", Files.writeString(dir.resolve("1.html"), "first"), ObjectInfo.changing("text/html"));
        store.put("index.html", Files.writeString(dir.resolve("2.html"), "second version"), ObjectInfo.changing("text/html"));
        try (InputStream in = store.open("index.html").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second version");
        }
    }

    @Test
    void aMissingObjectIsNoneNotAnError() throws Exception {
        ObjectStore store = store();
        assertThat(store.open("datasets/none/none.csv")).isEmpty();
        assertThat(store.exists("datasets/none/none.csv")).isFalse();
        assertThat(store.describe("datasets/none/none.csv")).isEmpty();
    }

    @Test
    void japaneseKeysAndImmutableObjects() throws Exception {
        ObjectStore store = store();
        Path file = Files.writeString(dir.resolve("o.csv"), "原本");
        String key = "datasets/t/releases/20261127T000000.000Z/original/公衆トイレ一覧.csv";
        store.put(key, file, ObjectInfo.immutable("application/octet-stream"));
        assertThat(store.describe(key).orElseThrow().cacheControl()).isEqualTo(ObjectInfo.IMMUTABLE);
        try (InputStream in = store.open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("原本");
        }
    }

    @Test
    void keysAreListedByPrefixAndDeleted() throws Exception {
        ObjectStore store = store();
        Path file = Files.writeString(dir.resolve("f"), "x");
        for (String key : java.util.List.of("datasets/a/releases/r1/a.csv", "datasets/a/releases/r1/original/元.csv",
                "datasets/a/releases/r2/a.csv", "datasets/a/a.csv")) {
            store.put(key, file, ObjectInfo.immutable("text/csv"));
        }
        assertThat(store.list("datasets/a/releases/r1/")).containsExactlyInAnyOrder(
                "datasets/a/releases/r1/a.csv", "datasets/a/releases/r1/original/元.csv");
        store.delete("datasets/a/releases/r1/a.csv");
        store.delete("datasets/a/releases/r1/nothing.csv");
        assertThat(store.list("datasets/a/releases/r1/")).containsExactly("datasets/a/releases/r1/original/元.csv");
        assertThat(store.list("datasets/none/")).isEmpty();
        assertThat(store.exists("datasets/a/releases/r2/a.csv")).isTrue();
    }

    @Test
    void aLargeFileGoesUpInPartsAndReadsBackWhole() throws Exception {
        ObjectStore store = store();
        Path big = dir.resolve("big.nt");
        byte[] block = new byte[1 << 20];
        new Random(7).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 11; i++) {
                out.write(block);
            }
        }
        store.put("datasets/big/big.nt", big, ObjectInfo.changing("application/n-triples"));
        try (InputStream in = store.open("datasets/big/big.nt").orElseThrow()) {
            Path back = dir.resolve("back.nt");
            Files.copy(in, back);
            assertThat(Sha256.of(back)).isEqualTo(Sha256.of(big));
        }
        assertThat(store.describe("datasets/big/big.nt").orElseThrow().sha256()).isEqualTo(Sha256.of(big));
    }
}
