package io.hiraku.app;

import io.hiraku.catalog.Freshness;
import io.hiraku.catalog.PublishedDataset;
import io.hiraku.catalog.PublishedDatasets;
import io.hiraku.catalog.ReceiptWriter;
import io.hiraku.publish.DatasetIris;
import io.hiraku.publish.ObjectStore;
import io.hiraku.schema.Definitions;
import io.hiraku.validate.Receipt;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The freshness reminder: a dataset past its next expected update gets a reminder receipt in its
 * department's {@code _receipts/} folder, once per missed date ({@code <dataset>.overdue.<date>.json/.html}).
 */
public final class Reminders {
    private static final Logger LOG = LoggerFactory.getLogger(Reminders.class);

    private final CatalogSource catalog;
    private final ObjectStore store;
    private final Workspace workspace;
    private final ReceiptWriter writer;
    private final Clock clock;
    private final ObjectStore ingestStore;
    private ReceiptMail mail = ReceiptMail.NONE;

    /** @param ingestStore the ingest object store, where departments that upload there look too; may be null */
    public Reminders(CatalogSource catalog, ObjectStore store, Workspace workspace, ReceiptWriter writer, Clock clock,
                     ObjectStore ingestStore) {
        this.ingestStore = ingestStore;
        this.catalog = catalog;
        this.store = store;
        this.workspace = workspace;
        this.writer = writer;
        this.clock = clock;
    }

    /** Mails each reminder to its department too (none unless hiraku.mail.smtp is set). */
    public void mailWith(ReceiptMail mail) {
        this.mail = mail;
    }

    /** Writes the reminders due now; returns how many were written. */
    public int remindOverdue() throws IOException {
        Definitions definitions = catalog.load();
        ZoneId zone = definitions.catalog().zone();
        DateTimeFormatter date = DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone);
        int written = 0;
        for (PublishedDataset d : new PublishedDatasets(store).all(definitions)) {
            Optional<Freshness> freshness = Freshness.of(d.definition().updateFrequency(), d.modified(), clock.instant(),
                    zone);
            if (freshness.isEmpty() || !freshness.get().overdue()) {
                continue;
            }
            String due = date.format(freshness.get().expected());
            String department = d.definition().department();
            String name = d.definition().id() + ".overdue." + due;
            List<ReceiptPlace> places = ReceiptPlace.department(workspace, ingestStore, department, true);
            if (places.get(0).exists(name)) {
                continue;   // written to every place at once: the folder says whether it was
            }
            String title = d.definition().title().in("ja");
            Receipt reminder = new Receipt("overdue", department, definitions.catalog().departmentName(department, "ja"),
                    d.originalName(), clock.instant().toString(),
                    definitions.catalog().localTime(clock.instant()), 0, d.originalSha256(), d.definition().id(), title,
                    d.release(), DatasetIris.dataset(definitions.catalog(), d.definition().id()) + "/", null,
                    "「" + title + "」は " + due + " に更新の予定でした（更新頻度: " + d.definition().updateFrequency()
                            + "）。新しいファイルをこのフォルダに置いてください。更新がない場合はオープンデータ担当に更新頻度の見直しを伝えてください",
                    "'" + title + "' was due for an update on " + due + " (" + d.definition().updateFrequency()
                            + "). Drop the new file into this folder, or ask the open-data team to change its update frequency",
                    null, null, null, null);
            for (ReceiptPlace place : places) {
                place.write(writer, reminder, name);
            }
            mail.send(reminder, definitions.catalog(), name);
            LOG.warn("{} (dataset {}) is overdue: its update was due on {}; reminder written for department {}",
                    d.originalName(), d.definition().id(), due, department);
            written++;
        }
        return written;
    }
}
