package io.hiraku.schema;

/** A configured department: it owns {@code ingest/<id>/} and the datasets under {@code catalog/datasets/<id>/}. */
public record Department(String id, LocalizedText name, Contact contact) {
    public Department {
        name = name == null ? LocalizedText.empty() : name;
    }
}
