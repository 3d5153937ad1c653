package io.hiraku.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.Fixtures;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.catalog.SiteTemplates;
import io.hiraku.publish.LocalObjectStore;
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

    private LocalObjectStore ingestStore;

    @Test
    void anOverdueDatasetGetsOneReminderInItsDepartmentsReceipts() throws Exception {
        CatalogSource catalog = new CatalogSource(Fixtures.monthlyVisitsCatalog(dir.resolve("catalog")), null);
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        var definitions = catalog.load();
        Fixtures.publish(definitions, definitions.dataset("visits").orElseThrow(), store, dir.resolve("staging"),
                Instant.parse("2026-01-01T00:00:00Z"), 5, new Object[] {1L});
        Workspace workspace = new Workspace(dir.resolve("work"), dir.resolve("work/ingest"));
        ReceiptWriter receipts = new ReceiptWriter(new SiteTemplates(Path.of("catalog/site")));
        ingestStore = new LocalObjectStore(dir.resolve("ingest-store"));

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
        // and where departments that upload to the ingest store look
        assertThat(ingestStore.exists("city/_receipts/visits.overdue.2026-02-01.json")).isTrue();
        assertThat(ingestStore.exists("city/_receipts/visits.overdue.2026-02-01.html")).isTrue();
    }

    private Reminders reminders(CatalogSource catalog, LocalObjectStore store, Workspace workspace,
                                ReceiptWriter receipts, String now) {
        return new Reminders(catalog, store, workspace, receipts, Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
                ingestStore);
    }
}
