package io.hiraku.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Field;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code search-index.json}: what the index page's script searches and filters on, one entry per
 * published dataset, the same file for every language. {@code text} is everything searchable (titles,
 * descriptions and keywords in every language, column names and titles, the department's names),
 * NFKC-normalised, lower-cased and with katakana as hiragana, as the script normalises the query, so ｱｲｳ,
 * アイウ, あいう and full-width letters find each other. The facet values are the same codes the page's filter checkboxes carry
 * ({@link Facet}).
 */
final class SearchIndex {
    static final String KEY = "search-index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchIndex() {
    }

    static byte[] of(CatalogDefinition catalog, List<PublishedDataset> datasets) throws java.io.IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode entries = root.putArray("datasets");
        for (PublishedDataset d : datasets) {
            DatasetDefinition def = d.definition();
            ObjectNode e = entries.addObject();
            e.put("id", def.id());
            e.put("modified", d.modified().toString());
            ObjectNode title = e.putObject("title");
            for (String language : catalog.languages()) {
                title.put(language, def.title().in(language));
            }
            List<String> text = new ArrayList<>();
            text.addAll(def.title().asMap().values());
            text.addAll(def.description().asMap().values());
            text.addAll(def.keywordsJaEn());
            for (Field f : def.schema().fields()) {
                text.add(f.name());
                if (f.title() != null) {
                    text.add(f.title());
                }
            }
            for (String language : catalog.languages()) {
                text.add(catalog.departmentName(def.department(), language));
            }
            e.put("text", normalized(String.join(" ", text)));
            ObjectNode facets = e.putObject("facets");
            for (Facet f : Facet.values()) {
                ArrayNode values = facets.putArray(f.key());
                f.values(catalog, d).forEach(values::add);
            }
            ArrayNode keywords = facets.putArray("keyword");
            def.keywordsJaEn().forEach(keywords::add);
        }
        return JSON.writeValueAsBytes(root);
    }

    /**
     * NFKC, lower case and katakana as hiragana: the same as the script does to the query, so that といれ finds
     * トイレ (and ﾄｲﾚ), as a resident types a word before the IME turns it into katakana.
     */
    static String normalized(String text) {
        char[] chars = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= '\u30A1' && chars[i] <= '\u30F6') {
                chars[i] -= 0x60;   // ァ..ヶ → ぁ..ゖ
            }
        }
        return new String(chars);
    }
}
