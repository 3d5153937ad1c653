package io.hiraku.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hiraku.schema.SourceHints;

/** Source hints written as in a definition's {@code source:} block, for tests. */
final class Hints {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Hints() {
    }

    static SourceHints of(String yaml) {
        try {
            return yaml.isBlank() ? SourceHints.DEFAULT : YAML.readValue(yaml, SourceHints.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
