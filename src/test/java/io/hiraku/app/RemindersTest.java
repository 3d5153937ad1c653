package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.catalog.SiteTemplates;
import io.hiraku.publish.LocalObjectStore;
import io.hiraku.publish.Original;
import io.hiraku.publish.Publisher;
import io.hiraku.publish.ReleaseWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A department is reminded, once, when one of its datasets misses its next expected update. */
class RemindersTest {
    @TempDir
    Path dir;

    @Test
    void anOverdueDatasetGetsOneReminderInItsDepartmentsReceipts() throws Exception {
        Path catalogDir = dir.resolve("catalog");
        Files.createDirectories(catalogDir.resolve("datasets/city"));
        Files.writeString(catalogDir.resolve("catalog.yaml"), "title: t\ndepartments:\n  - id: city\n    name: 市民課\n");
        Files.writeString(catalogDir.resolve("datasets/city/visits.yaml"), """
                title: 来庁者数
                description: 月ごとの来庁者数
                updateFrequency: monthly
                schema:
                  fields:
                    - {name: id, type: integer}
                """);
        CatalogSource catalog = new CatalogSource(catalogDir, null);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        var definitions = catalog.load();
        try (ReleaseWriter writer = new ReleaseWriter(definitions.catalog(), definitions.dataset("visits").orElseThrow(),
                dir.resolve("staging"), Instant.parse("2026-01-01T00:00:00Z"))) {
            writer.accept(1, new Object[] {1L});
            new Publisher(store).publish(writer.finish(new Original("city", "visits.csv", 5, "00", "UTF-8", null)));
        }
        Workspace workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        ReceiptWriter receipts = new ReceiptWriter(new SiteTemplates(Path.of("catalog/site")));

        assertThat(reminders(catalog, store, workspace, receipts, "2026-01-20T00:00:00Z").remindOverdue()).isZero();
        Reminders late = reminders(catalog, store, workspace, receipts, "2026-03-01T00:00:00Z");
        assertThat(late.remindOverdue()).isEqualTo(1);
        assertThat(late.remindOverdue()).as("once per missed date").isZero();

        Path json = workspace.receipts("city").resolve("visits.overdue.2026-02-01.json");
        JsonNode reminder = new ObjectMapper().readTree(json.toFile());
        assertThat(reminder.path("outcome").asText()).isEqualTo("overdue");
        assertThat(reminder.path("datasetId").asText()).isEqualTo("visits");
        assertThat(reminder.path("messageJa").asText()).contains("来庁者数", "2026-02-01", "monthly");
        assertThat(Files.readString(json.resolveSibling("visits.overdue.2026-02-01.html")))
                .contains("更新の時期を過ぎています", "An update is overdue");
    }

    private static Reminders reminders(CatalogSource catalog, LocalObjectStore store, Workspace workspace,
                                       ReceiptWriter receipts, String now) {
        return new Reminders(catalog, store, workspace, receipts, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }
}
