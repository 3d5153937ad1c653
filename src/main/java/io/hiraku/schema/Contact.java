package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A contact point (vCard in DCAT): who answers questions about a dataset or department. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(LocalizedText name, String email, String phone, String url) {
}
