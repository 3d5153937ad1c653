package io.hiraku.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A dropped file finds its dataset by the dataset's id or its {@code source.files} patterns, as the
 * department's staff see file names on a Windows share: case does not count, nor the width of letters and
 * digits typed on a Japanese keyboard. Checked on the repository's own catalog.
 */
class DefinitionsTest {
    private static Definitions definitions;

    @BeforeAll
    static void load() throws Exception {
        definitions = new DefinitionLoader().load(Path.of("catalog"));
    }

    @ParameterizedTest(name = "{0}/{1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "yaizu     | 222127_public_toilet.csv      | yaizu-public-toilets",
            "yaizu     | 222127_public_toilet.CSV      | yaizu-public-toilets",
            "yaizu     | 222127_Public_Toilet_2024.csv | yaizu-public-toilets",
            "yaizu     | ２２２１２７_public_toilet.csv  | yaizu-public-toilets",
            "yaizu     | YAIZU-PUBLIC-TOILETS.CSV      | yaizu-public-toilets",
            "yaizu     | ｙａｉｚｕ－ｐｕｂｌｉｃ－ｔｏｉｌｅｔｓ.csv | yaizu-public-toilets",
            "takamatsu | 0002_AED_sjis_2023-02-16.csv  | takamatsu-aed",
            "yaizu     | 0002_aed_sjis_2023-02-16.csv  | ''",
            "yaizu     | 222127_public／toilet.csv      | ''",
            "yaizu     | toilets.csv                   | ''",
    })
    void aFileFindsItsDatasetWhateverTheCaseAndWidthOfItsName(String department, String file, String dataset) {
        assertThat(definitions.forDrop(department, file).map(DatasetDefinition::id).orElse(""))
                .isEqualTo(dataset == null ? "" : dataset);
    }
}
