package io.hiraku.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's keywords as written in YAML: by language ({@code {ja: [公衆トイレ], en: [public toilets]}}), or a plain
 * list ({@code [parks, recreation]}), taken as in the catalog's first language as a plain title is
 * ({@link LocalizedText#PLAIN_LANGUAGE}); one word alone may stand for a list of one.
 */
final class Keywords extends JsonDeserializer<Map<String, List<String>>> {
    @Override
    public Map<String, List<String>> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = p.readValueAsTree();
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return keywords;
        }
        if (!node.isObject()) {
            keywords.put(LocalizedText.plainLanguage(ctxt), words(node));
            return keywords;
        }
        node.fields().forEachRemaining(e -> keywords.put(e.getKey(), words(e.getValue())));
        return keywords;
    }

    private static List<String> words(JsonNode node) {
        List<String> words = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(w -> {
                if (!w.isNull() && !w.asText().isBlank()) {
                    words.add(w.asText().strip());
                }
            });
        } else if (!node.isNull() && !node.asText().isBlank()) {
            words.add(node.asText().strip());
        }
        return words;
    }
}
