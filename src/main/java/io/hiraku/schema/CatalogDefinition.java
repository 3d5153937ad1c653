package io.hiraku.schema;

import java.util.List;
import java.util.Optional;

/**
 * {@code catalog/catalog.yaml}: the catalog's own metadata, default licence and departments. {@code contact}
 * is the open-data desk, the contact of datasets whose department names none.
 */
public record CatalogDefinition(
        LocalizedText title,
        LocalizedText description,
        LocalizedText publisher,
        String publisherUrl,
        String baseUrl,
        List<String> languages,
        String license,
        String spatial,
        Contact contact,
        Integer pageSize,
        List<Department> departments,
        String timeZone,
        MapTiles map) {

    /** Datasets per page of the DCAT catalog documents, unless catalog.yaml says {@code pageSize}. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** The time zone dates and times are shown in (pages, receipts, due dates), unless catalog.yaml says {@code timeZone}. */
    public static final String DEFAULT_TIME_ZONE = "Asia/Tokyo";

    public CatalogDefinition {
        title = title == null ? LocalizedText.empty() : title;
        description = description == null ? LocalizedText.empty() : description;
        publisher = publisher == null ? LocalizedText.empty() : publisher;
        languages = languages == null || languages.isEmpty() ? List.of("ja", "en") : List.copyOf(languages);
        departments = departments == null ? List.of() : List.copyOf(departments);
        pageSize = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (pageSize < 1) {
            throw new DefinitionException("catalog.yaml: pageSize must be at least 1, not " + pageSize);
        }
        timeZone = timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.trim();
        map = map == null ? MapTiles.GSI : map;
        try {
            java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new DefinitionException("catalog.yaml: timeZone '" + timeZone + "' is not a time zone; give a region "
                    + "such as Asia/Tokyo or Europe/Brussels");
        }
    }

    /** The zone the catalog's people live in: dates and times on pages and receipts are shown in it. */
    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    /** An instant as the catalog's people read it: ISO 8601 with the offset of its zone then. */
    public String localTime(java.time.Instant instant) {
        return instant.atZone(zone()).toOffsetDateTime().toString();
    }

    /** Who answers for a dataset: its own contact, else its department's, else the catalog's. */
    public Contact contactFor(DatasetDefinition dataset) {
        if (dataset.contact() != null) {
            return dataset.contact();
        }
        return department(dataset.department()).map(Department::contact).filter(c -> c != null).orElse(contact);
    }

    /** A dataset's licence URL: its own, else the catalog's default; null if neither gives one. */
    public String licenseFor(DatasetDefinition dataset) {
        return dataset.license() != null ? dataset.license() : license;
    }

    /** The first email address along the same chain: dataset, department, catalog. */
    public Optional<String> emailFor(DatasetDefinition dataset) {
        Contact departmental = department(dataset.department()).map(Department::contact).orElse(null);
        return java.util.stream.Stream.of(dataset.contact(), departmental, contact)
                .filter(c -> c != null && c.email() != null && !c.email().isBlank()).map(Contact::email).findFirst();
    }

    /** The catalog's first language: the language of its plain texts, and of formats that carry only one. */
    public String firstLanguage() {
        return languages.get(0);
    }

    /** A department's name in a language; its id if the catalog gives it no name. */
    public String departmentName(String id, String language) {
        return department(id).map(Department::name).filter(n -> !n.isEmpty()).map(n -> n.in(language)).orElse(id);
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public CatalogDefinition withBaseUrl(String url) {
        return new CatalogDefinition(title, description, publisher, publisherUrl, url, languages, license,
                spatial, contact, pageSize, departments, timeZone, map);
    }
}
