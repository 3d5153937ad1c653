package io.hiraku.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hiraku.schema.DatasetDefinition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sha256 of what in a dataset's definition decides the table a file publishes as: where the table is
 * in the file ({@code source}), the Table Schema (its template's fields included), the error policy and the
 * municipality checks. Recorded in each release, it tells the same file dropped again under a changed
 * definition (which publishes anew) from the same file dropped again (which does not). Titles, keywords and
 * the rest of the metadata are not in it: the catalog follows them without a new release.
 */
public final class DefinitionFingerprint {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private DefinitionFingerprint() {
    }

    public static String of(DatasetDefinition dataset) {
        Map<String, Object> shaping = new LinkedHashMap<>();
        shaping.put("source", dataset.source());
        shaping.put("schema", dataset.schema());
        shaping.put("errorPolicy", dataset.errorPolicy());
        shaping.put("municipalityChecks", dataset.municipalityChecks());
        try {
            return Sha256.of(CANONICAL.writeValueAsString(shaping).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the definition of " + dataset.id() + " could not be serialized", e);
        }
    }
}
