package io.hiraku.catalog;

import io.hiraku.schema.CatalogDefinition;
import io.hiraku.schema.Contact;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset's metadata quality as the share of checks it meets, each check something its owner can fix
 * in the definition (the site names the unmet ones). The checks follow what portals score: the EU
 * Metadata Quality Assessment's findability, reusability and contextuality dimensions, narrowed to what a
 * definition controls (Hiraku's formats, stable URLs and checksums are met by every dataset).
 */
record QualityScore(List<Check> checks) {

    /** One check; {@code key} names its wording ({@code quality.check.<key>}). */
    record Check(String key, boolean passed) {
    }

    static QualityScore of(CatalogDefinition catalog, PublishedDataset published, List<String> dcatAdvice,
            Instant now) {
        DatasetDefinition def = published.definition();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("license", catalog.licenseFor(def) != null));
        Contact contact = catalog.contactFor(def);
        checks.add(new Check("contact", contact != null && (notBlank(contact.email()) || notBlank(contact.url()))));
        checks.add(new Check("frequency", UpdateFrequency.of(def.updateFrequency()).isPresent()));
        checks.add(new Check("fresh", Freshness.of(def.updateFrequency(), published.modified(), now, catalog.zone())
                .map(f -> !f.overdue()).orElse(UpdateFrequency.of(def.updateFrequency()).isPresent())));
        checks.add(new Check("keywords", !def.keywordsJaEn().isEmpty()));
        checks.add(new Check("themes", !def.themes().isEmpty()));
        List<Field> fields = def.schema().fields();
        checks.add(new Check("columnTitles", fields.stream().allMatch(f -> notBlank(f.title()))));
        checks.add(new Check("columnDescriptions", fields.stream().allMatch(f -> notBlank(f.description()))));
        checks.add(new Check("english", notBlank(def.title().exactly("en")) && notBlank(def.description().exactly("en"))));
        checks.add(new Check("dcat", dcatAdvice.isEmpty()));
        return new QualityScore(List.copyOf(checks));
    }

    long passed() {
        return checks.stream().filter(Check::passed).count();
    }

    /** 0 to 100. */
    int percent() {
        return (int) Math.round(100.0 * passed() / checks.size());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
