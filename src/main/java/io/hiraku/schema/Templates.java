package io.hiraku.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in templates of standard Japanese datasets ({@code src/main/resources/templates/}): the
 * 推奨データセット v1 layouts and the 自治体標準オープンデータセット 公衆トイレ v2. A definition that says
 * {@code template: aed} gets the standard's fields; fields it lists itself replace those of the same
 * name, and further fields follow them.
 */
public final class Templates {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** A template: the standard's name and its fields, in the standard's order. */
    record Template(String title, List<Field> fields) {
    }

    private Templates() {
    }

    static Template load(String id) {
        if (id == null || !id.matches("[a-z0-9-]+")) {
            throw new DefinitionException("template '" + id + "' is not a template id");
        }
        try (InputStream in = Templates.class.getResourceAsStream("/templates/" + id + ".yaml")) {
            if (in == null) {
                throw new DefinitionException("there is no built-in template '" + id + "' (see templates/README.md)");
            }
            return YAML.readValue(in, Template.class);
        } catch (IOException e) {
            throw new DefinitionException("template '" + id + "' cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * What a dataset that only names its template says about itself, since DCAT-AP requires a
     * description: the standard layout it follows.
     */
    static LocalizedText description(String id) {
        String title = load(id).title();
        return LocalizedText.jaEn(title + "の項目定義に沿ったデータです。",
                "Data in the layout of the Japanese standard dataset " + title + ".");
    }

    /** The template's fields, with the definition's own fields replacing or following them. */
    static TableSchema apply(String id, TableSchema own) {
        Template template = load(id);
        Map<String, Field> fields = new LinkedHashMap<>();
        template.fields().forEach(f -> fields.put(f.name(), f));
        List<Field> extra = new ArrayList<>();
        if (own != null) {
            for (Field f : own.fields()) {
                if (fields.containsKey(f.name())) {
                    fields.put(f.name(), f);
                } else {
                    extra.add(f);
                }
            }
        }
        List<Field> merged = new ArrayList<>(fields.values());
        merged.addAll(extra);
        return own == null ? new TableSchema(merged, null, null, null, null) : own.withFields(merged);
    }
}
