package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * {@code catalog/datasets/<department>/<id>.yaml}: a dataset's metadata, where its file comes from and
 * the Table Schema its rows must follow. {@code id} and {@code department} come from the file's place.
 */
public record DatasetDefinition(
        String id,
        String department,
        LocalizedText title,
        LocalizedText description,
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = Keywords.class)
        Map<String, List<String>> keywords,
        List<String> themes,
        String license,
        String updateFrequency,
        String spatial,
        Temporal temporal,
        Contact contact,
        String template,
        ErrorPolicy errorPolicy,
        List<MunicipalityCheck> municipalityChecks,
        SourceHints source,
        TableSchema schema,
        @JsonIgnore String definitionFile) {

    public DatasetDefinition {
        title = title == null ? LocalizedText.empty() : title;
        description = description == null ? LocalizedText.empty() : description;
        keywords = keywords == null ? Map.of() : Map.copyOf(keywords);
        themes = themes == null ? List.of() : List.copyOf(themes);
        source = source == null ? SourceHints.DEFAULT : source;
        errorPolicy = errorPolicy == null ? ErrorPolicy.REJECT : errorPolicy;
        municipalityChecks = municipalityChecks == null ? List.of() : List.copyOf(municipalityChecks);
    }

    /** A dataset known only by its id, department and title: one published once and no longer defined. */
    public static DatasetDefinition named(String id, String department, LocalizedText title) {
        return new DatasetDefinition(id, department, title, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    DatasetDefinition placed(String placedId, String placedDepartment, String file, TableSchema resolved,
            LocalizedText resolvedDescription) {
        return new DatasetDefinition(placedId, placedDepartment, title, resolvedDescription, keywords, themes, license,
                updateFrequency, spatial, temporal, contact, template, errorPolicy, municipalityChecks, source, resolved, file);
    }

    public List<String> keywords(String language) {
        return keywords.getOrDefault(language, List.of());
    }

    /** The Japanese keywords, then the English ones not already among them. */
    public java.util.Set<String> keywordsJaEn() {
        java.util.Set<String> words = new java.util.LinkedHashSet<>(keywords("ja"));
        words.addAll(keywords("en"));
        return words;
    }
}
