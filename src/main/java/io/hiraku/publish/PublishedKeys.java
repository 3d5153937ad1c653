package io.hiraku.publish;

import io.hiraku.validate.ReferenceLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Foreign-key references read from what is published: the latest CSV of the referenced dataset, whose
 * cells are already in canonical form. Read once per dataset and fields while a file is validated.
 */
public final class PublishedKeys implements ReferenceLookup {
    private final ObjectStore store;
    private final Map<String, Optional<Set<String>>> cache = new HashMap<>();

    public PublishedKeys(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Optional<Set<String>> keys(String dataset, List<String> fields) {
        return cache.computeIfAbsent(dataset + "#" + fields, k -> read(dataset, fields));
    }

    private Optional<Set<String>> read(String dataset, List<String> fields) {
        try {
            Optional<InputStream> csv = store.open(DatasetIris.datasetKey(dataset) + dataset + ".csv");
            if (csv.isEmpty()) {
                return Optional.empty();
            }
            Set<String> keys = new HashSet<>();
            try (Reader reader = new InputStreamReader(csv.get(), StandardCharsets.UTF_8)) {
                for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
                    StringBuilder key = new StringBuilder();
                    for (int i = 0; i < fields.size(); i++) {
                        if (i > 0) {
                            key.append(SEPARATOR);
                        }
                        key.append(record.get(fields.get(i)));
                    }
                    keys.add(key.toString());
                }
            }
            return Optional.of(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("the published keys of " + dataset + " cannot be read", e);
        } catch (IllegalArgumentException e) {
            return Optional.of(Set.of());
        }
    }
}
