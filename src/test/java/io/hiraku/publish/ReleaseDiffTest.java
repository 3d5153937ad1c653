package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseDiffTest {
    @TempDir
    Path dir;

    @Test
    void rowsAddedRemovedAndChangedByPrimaryKeyWithTheChangedColumns() throws Exception {
        Path before = csv("before.csv", "id,name,capacity\n1,中央,10\n2,東,20\n3,西,30\n");
        Path after = csv("after.csv", "id,name,capacity\n1,中央,10\n2,東,25\n4,北,\"40\"\n");
        ReleaseDiff.Changes changes = ReleaseDiff.of("r1", before, "r2", after, List.of("id"), dir);
        assertThat(changes.key()).containsExactly("id");
        assertThat(changes.added()).isEqualTo(1);
        assertThat(changes.removed()).isEqualTo(1);
        assertThat(changes.changed()).isEqualTo(1);
        assertThat(changes.unchanged()).isEqualTo(1);
        assertThat(changes.changedExamples()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("2");
            assertThat(c.columns()).containsExactly(Map.entry("capacity", List.of("20", "25")));
        });
        assertThat(changes.addedExamples().get(0)).containsEntry("name", "北");
        assertThat(changes.removedExamples().get(0)).containsEntry("name", "西");
        assertThat(changes.summary()).isEqualTo("1 added, 1 removed, 1 changed");
    }

    @Test
    void withoutAKeyWholeRowsAreMatchedAndColumnChangesShow() throws Exception {
        Path before = csv("before.csv", "a,b\nx,\"1\n2\"\ny,2\n");
        Path after = csv("after.csv", "a,b,c\nx,\"1\n2\",\ny,3,\n");
        ReleaseDiff.Changes changes = ReleaseDiff.of("r1", before, "r2", after, List.of(), dir);
        assertThat(changes.addedColumns()).containsExactly("c");
        assertThat(changes.key()).isEmpty();
        assertThat(changes.added() + changes.removed()).isPositive();
    }

    @Test
    void largeTablesAreSortedInRunsOnDisk() throws Exception {
        StringBuilder before = new StringBuilder("id,v\n");
        StringBuilder after = new StringBuilder("id,v\n");
        int rows = SortedRows.RUN * 2 + 123;
        for (int i = rows; i > 0; i--) {
            before.append(i).append(",a\n");
            after.append(i).append(i % 1000 == 0 ? ",b\n" : ",a\n");
        }
        after.append(rows + 1).append(",new\n");
        ReleaseDiff.Changes changes = ReleaseDiff.of("r1", csv("b.csv", before.toString()), "r2",
                csv("a.csv", after.toString()), List.of("id"), dir);
        assertThat(changes.changed()).isEqualTo(rows / 1000);
        assertThat(changes.added()).isEqualTo(1);
        assertThat(changes.removed()).isZero();
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".rows"))).isEmpty();
        }
    }

    private Path csv(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
