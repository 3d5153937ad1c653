package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DropFilterTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "yaizu/toilets.csv, true",
            "yaizu/施設一覧.xlsx, true",
            "toilets.csv, false",
            "yaizu/sub/toilets.csv, false",
            "yaizu/_receipts/toilets.csv.json, false",
            "_receipts/toilets.csv, false",
            "yaizu/.toilets.csv.tmp, false",
            "yaizu/toilets.csv.part, false",
            "yaizu/toilets.csv.crdownload, false",
            "yaizu/~$施設一覧.xlsx, false",
            // left by Camel's read lock when the process was killed: not a drop, or publish --once waits for it
            "yaizu/toilets.csv.camelLock, false",
    })
    void onlyFilesInADepartmentFolderThatAreNotBeingWrittenAreDrops(String path, boolean drop) {
        assertThat(DropFilter.isDrop(Path.of(path))).isEqualTo(drop);
    }
}
