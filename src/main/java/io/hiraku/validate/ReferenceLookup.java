package io.hiraku.validate;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of another published dataset, for foreign keys: each key is the fields' published values
 * joined by {@link #SEPARATOR}. Empty when that dataset is not published.
 */
public interface ReferenceLookup {
    String SEPARATOR = "\u001F";

    /** No dataset is published: every foreign key fails to find its reference. */
    ReferenceLookup NONE = (dataset, fields) -> Optional.empty();

    Optional<Set<String>> keys(String dataset, List<String> fields);
}
