package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What in a definition makes the same file publish anew, and what does not. */
class DefinitionFingerprintTest {
    private static final String BASE = """
            title: 件数
            description: 窓口ごとの件数
            keywords: {ja: [窓口]}
            source:
              headerRow: 1
              columns: {id: 1, window: 2, count: 3}
            schema:
              primaryKey: [id]
              fields:
                - {name: id, type: integer}
                - {name: window, type: string}
                - {name: count, type: integer}
            """;

    @TempDir
    Path dir;

    @Test
    void metadataDoesNotCountHowTheFileIsReadDoes() throws Exception {
        String base = fingerprint(BASE);
        assertThat(base).hasSize(64).isEqualTo(fingerprint(BASE));
        assertThat(fingerprint(BASE.replace("title: 件数", "title: 窓口の件数").replace("[窓口]", "[窓口, 相談]")))
                .isEqualTo(base);

        assertThat(fingerprint(BASE.replace("type: string}", "type: string, normalize: nfkc}"))).isNotEqualTo(base);
        assertThat(fingerprint(BASE.replace("headerRow: 1", "headerRow: 2"))).isNotEqualTo(base);
        assertThat(fingerprint(BASE.replace("{name: count, type: integer}", "{name: count, type: number}")))
                .isNotEqualTo(base);
        assertThat(fingerprint(BASE + "errorPolicy: {onError: publish-valid-rows, maxInvalidShare: 0.05}\n"))
                .isNotEqualTo(base);
    }

    private String fingerprint(String yaml) throws Exception {
        Path catalog = dir.resolve("c" + System.nanoTime());
        Files.createDirectories(catalog.resolve("datasets/health"));
        Files.writeString(catalog.resolve("catalog.yaml"), "title: 市\ndescription: 市のデータ\npublisher: 市\n"
                + "departments:\n  - id: health\n");
        Files.writeString(catalog.resolve("datasets/health/counts.yaml"), yaml);
        DatasetDefinition dataset = new DefinitionLoader().load(catalog).dataset("counts").orElseThrow();
        return DefinitionFingerprint.of(dataset);
    }
}
