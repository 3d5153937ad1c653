package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * Table Schema's foreign key: these fields' values must be a key of another published dataset
 * ({@code reference.resource} is that dataset's id), e.g. a facility list's municipality code in the
 * municipality code list.
 */
public record ForeignKey(
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> fields,
        Reference reference) {

    /** The dataset and fields a foreign key points at. */
    public record Reference(
            String resource,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> fields) {
    }
}
