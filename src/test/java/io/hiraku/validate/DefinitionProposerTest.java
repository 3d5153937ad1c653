package io.hiraku.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.DefinitionLoader;
import io.hiraku.schema.Field;
import io.hiraku.schema.FieldType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionProposerTest {
    @TempDir
    Path dir;

    @Test
    void proposesADefinitionTheSameFileThenPasses() throws Exception {
        Path file = io.hiraku.Corpus.file("yaizu__焼津海の幸グルメマップ_サクラエビ.csv");
        String yaml = new DefinitionProposer().propose(file, "サクラエビ.csv").orElseThrow();

        Path catalog = dir.resolve("catalog");
        Files.createDirectories(catalog.resolve("datasets/yaizu"));
        Files.writeString(catalog.resolve("catalog.yaml"), "title: t\ndepartments:\n  - id: yaizu\n");
        Files.writeString(catalog.resolve("datasets/yaizu/sakuraebi.yaml"), yaml);
        DatasetDefinition proposed = new DefinitionLoader().load(catalog).dataset("sakuraebi").orElseThrow();

        assertThat(proposed.schema().fields()).hasSize(20);
        assertThat(proposed.schema().fields()).extracting(Field::title).startsWith("ID", "NO", "店名");
        assertThat(proposed.schema().fields().get(0).type()).isEqualTo(FieldType.INTEGER);
        assertThat(proposed.schema().fields().get(2).type()).isEqualTo(FieldType.STRING);
        assertThat(proposed.schema().fields().get(18).type()).isEqualTo(FieldType.NUMBER); // 経度
        assertThat(proposed.schema().fields().get(2).name()).isEqualTo("column3");
        assertThat(proposed.source().files()).containsExactly("サクラエビ.csv");
        assertThat(new TableValidator().validate(file, proposed, RowSink.DISCARD).getErrors()).isEmpty();
    }

    @Test
    void suggestsAnAsciiIdFromTheFileName() {
        assertThat(DefinitionProposer.suggestId("222127_Public Toilet.CSV")).isEqualTo("222127-public-toilet");
        assertThat(DefinitionProposer.suggestId("公衆トイレ.csv")).isEqualTo("new-dataset");
    }
}
