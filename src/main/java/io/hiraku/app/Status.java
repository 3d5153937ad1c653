package io.hiraku.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.catalog.Freshness;
import io.hiraku.catalog.PublishedDataset;
import io.hiraku.catalog.PublishedDatasets;
import io.hiraku.publish.ObjectStore;
import io.hiraku.schema.DatasetDefinition;
import io.hiraku.schema.Definitions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the open-data team looks at first ({@code hiraku status}): whether a {@code run} works in the folder, each
 * dataset's latest release and next expected update, and what needs someone: a drop refused and not made good by
 * a later release, a drop an operational error stopped (in {@code failed/}), a dataset overdue, a definition that
 * does not load or changed since its latest release, drops waiting or interrupted with no {@code run} to take
 * them. Read only: it takes no lock and changes nothing, so it may be run at any time, by hand or by a monitor.
 */
final class Status {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One dataset: its latest release (null if none), rows, next expected update (null if none declared). */
    record Dataset(String department, String id, String state, String release, String modified, Long rows,
                   String nextUpdate) {
    }

    /** Something that needs a person: what it concerns, what is wrong, and what to do. */
    record Attention(String kind, String subject, String problem, String todo) {
    }

    /**
     * @param run     who holds the work folder now ({@code pid …, run … since …}), null if nobody
     * @param waiting files in the drop folders, not yet taken
     * @param disk    the work folder's disk, and what its archive holds
     */
    record Report(String checkedAt, String work, String store, String catalog, String run, List<Dataset> datasets,
                  int waiting, Disk disk, List<Attention> attention) {
        @com.fasterxml.jackson.annotation.JsonProperty("needsAttention")
        boolean needsAttention() {
            return !attention.isEmpty();
        }
    }

    /**
     * @param freeBytes     what the work folder's disk has free (-1: it cannot be read)
     * @param archivedFiles the originals (and replaced definitions) kept in {@code work/archive/}
     * @param keepDays      {@code hiraku.archive.keep-days}: how long they are kept (0: for good)
     */
    record Disk(long freeBytes, long archivedFiles, long archivedBytes, int keepDays) {
    }

    private final Workspace workspace;
    private final ObjectStore store;
    private final ObjectStore sharedArchive;
    private final Clock clock;
    private final int keepDays;
    private final long minFreeMb;

    /** @param sharedArchive distributed mode's shared archive, where the workers keep refusals; null in local mode */
    Status(Workspace workspace, ObjectStore store, ObjectStore sharedArchive, Clock clock) {
        this(workspace, store, sharedArchive, clock, 0, 0);
    }

    /**
     * @param keepDays  {@code hiraku.archive.keep-days}
     * @param minFreeMb {@code hiraku.disk.min-free-mb}: with less free, a run takes no drop (attention)
     */
    Status(Workspace workspace, ObjectStore store, ObjectStore sharedArchive, Clock clock, int keepDays, long minFreeMb) {
        this.workspace = workspace;
        this.store = store;
        this.sharedArchive = sharedArchive;
        this.clock = clock;
        this.keepDays = keepDays;
        this.minFreeMb = minFreeMb;
    }

    Report report(Definitions definitions, Path catalog) throws IOException {
        String run = WorkLock.heldBy(workspace.work()).orElse(null);
        List<Attention> attention = new ArrayList<>();
        for (Definitions.BrokenDefinition broken : definitions.broken()) {
            attention.add(new Attention("definition", broken.file(), broken.problem(),
                    "mend the definition: until then its drops are refused"));
        }
        PublishedDatasets publishedDatasets = new PublishedDatasets(store);
        List<PublishedDataset> published = publishedDatasets.all(definitions);
        Map<String, PublishedDataset> byId = new LinkedHashMap<>();
        published.forEach(p -> byId.put(p.definition().id(), p));
        List<String> withdrawn = publishedDatasets.withdrawn(definitions, published).stream()
                .map(w -> w.definition().id()).toList();
        List<Dataset> datasets = datasets(definitions, byId, withdrawn, attention);
        refusals(definitions, byId, attention);
        failures(attention);
        unsentMails(attention);
        int waiting = PipelineRunner.countDrops(workspace.ingest());
        inFlight(definitions, run, waiting, attention);
        Disk disk = disk(attention);
        return new Report(local(definitions, clock.instant()), workspace.work().toAbsolutePath().toString(),
                store.describe(), catalog.toAbsolutePath().toString(), run, datasets, waiting, disk, attention);
    }

    /** Each defined dataset with its latest release; those overdue, or defined anew since it, need attention. */
    private List<Dataset> datasets(Definitions definitions, Map<String, PublishedDataset> published, List<String> withdrawn,
                                   List<Attention> attention) {
        List<Dataset> datasets = new ArrayList<>();
        List<DatasetDefinition> defined = definitions.datasets().stream()
                .sorted(Comparator.comparing(DatasetDefinition::department).thenComparing(DatasetDefinition::id)).toList();
        for (DatasetDefinition def : defined) {
            PublishedDataset latest = published.get(def.id());
            if (latest == null) {
                datasets.add(new Dataset(def.department(), def.id(), withdrawn.contains(def.id()) ? "withdrawn"
                        : "not published", null, null, null, null));
                continue;
            }
            Optional<Freshness> freshness = Freshness.of(def.updateFrequency(), latest.modified(), clock.instant(),
                    definitions.catalog().zone());
            boolean overdue = freshness.map(Freshness::overdue).orElse(false);
            datasets.add(new Dataset(def.department(), def.id(), overdue ? "overdue" : "published", latest.release(),
                    local(definitions, latest.modified()), latest.rows(),
                    freshness.map(f -> local(definitions, f.expected())).orElse(null)));
            if (overdue) {
                attention.add(new Attention("overdue", def.id(), "an update was due on "
                        + local(definitions, freshness.get().expected()).substring(0, 10) + " (" + def.updateFrequency()
                        + "); its department has a reminder in its " + Workspace.RECEIPTS + "/ folder",
                        "ask " + def.department() + " for the new file, or change the definition's updateFrequency"));
            }
            if (Releases.definitionChanged(latest, def)) {
                attention.add(new Attention("definition", def.id(), "its definition changed since its latest release "
                        + latest.release() + ", which was made under the earlier one",
                        "hiraku republish --dataset " + def.id() + " (or --changed for every such dataset)"));
            }
        }
        return datasets;
    }

    /**
     * Drops waiting in their folders or stopped half-way with no run to take them up; with a run, those waiting for
     * the object store.
     */
    private void inFlight(Definitions definitions, String run, int waiting, List<Attention> attention) throws IOException {
        List<DropJournal.Entry> entries = new DropJournal(workspace.journal()).entries();
        if (run == null) {
            if (waiting > 0) {
                attention.add(new Attention("waiting", workspace.ingest().toString(), waiting + " file(s) wait in the "
                        + "drop folders and no run is running", "start bin/hiraku run (or publish --once)"));
            }
            for (DropJournal.Entry entry : entries) {
                attention.add(new Attention("interrupted", entry.department() + "/" + entry.fileName(),
                        "its publication was interrupted (" + entry.state().name().toLowerCase(java.util.Locale.ROOT)
                                + ") and no run is running",
                        "start bin/hiraku run (or publish --once): it is taken up where it stopped"));
            }
            return;
        }
        for (DropJournal.Entry entry : entries) {
            if (entry.datasets().values().stream().anyMatch(s -> s.state() == DropJournal.State.PENDING)) {
                attention.add(new Attention("pending", entry.department() + "/" + entry.fileName(),
                        "it waits for the object store (unreachable or full) since " + local(definitions,
                                entry.received()), "see the run's log and /observe/health (object-store)"));
            }
        }
    }

    /**
     * Each department's newest refusal of a dataset (or of a file no dataset took) that no release came after: the
     * department has been told what to fix, and the data is not out.
     */
    private void refusals(Definitions definitions, Map<String, PublishedDataset> published, List<Attention> attention)
            throws IOException {
        Map<String, JsonNode> receipts = new LinkedHashMap<>();
        for (Path file : Workspace.filesUnder(workspace.rejected(), 2)) {
            if (file.getFileName().toString().endsWith(".json")) {
                receipts.put(file.toAbsolutePath().toString(), read(file));
            }
        }
        if (sharedArchive != null) {
            for (String key : sharedArchive.list("rejected/")) {
                if (key.endsWith(".json")) {
                    try (java.io.InputStream in = sharedArchive.open(key).orElse(null)) {
                        receipts.put(sharedArchive.location(key), in == null ? null : read(in));
                    }
                }
            }
        }
        Map<String, JsonNode> newest = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> kept : receipts.entrySet()) {
            JsonNode receipt = kept.getValue();
            if (receipt == null || !"rejected".equals(receipt.path("outcome").asText())) {
                continue;
            }
            String department = receipt.path("department").asText();
            String dataset = receipt.path("datasetId").asText("");
            String key = department + "/" + (dataset.isEmpty() ? "file:" + receipt.path("fileName").asText() : dataset);
            JsonNode before = newest.get(key);
            if (before == null || before.path("receivedAt").asText().compareTo(receipt.path("receivedAt").asText()) < 0) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) receipt).put("_receipt", kept.getKey());
                newest.put(key, receipt);
            }
        }
        for (JsonNode receipt : newest.values()) {
            String department = receipt.path("department").asText();
            String fileName = receipt.path("fileName").asText();
            Instant refused = Instant.parse(receipt.path("receivedAt").asText());
            List<String> datasets = receipt.path("datasetId").asText("").isEmpty()
                    ? definitions.forDrops(department, fileName).stream().map(DatasetDefinition::id).toList()
                    : List.of(receipt.path("datasetId").asText());
            boolean madeGood = !datasets.isEmpty() && datasets.stream().allMatch(id -> published.containsKey(id)
                    && published.get(id).modified().isAfter(refused));
            if (madeGood) {
                continue;
            }
            JsonNode report = receipt.path("report");
            int problems = report.path("errorCount").asInt(0);
            JsonNode first = report.path("errors").path(0);
            String why = problems == 0 || first.isMissingNode() ? receipt.path("messageEn").asText()
                    : problems + " problem(s), the first: " + (first.has("line") ? "line " + first.path("line").asText()
                    + (first.has("column") ? ", " + first.path("column").asText() : "") + ": " : "")
                    + first.path("messageEn").asText(first.path("message").asText());
            String html = receipt.path("_receipt").asText().replaceFirst("\\.json$", ".html");
            attention.add(new Attention("refused", department + "/" + fileName + (datasets.isEmpty() ? ""
                    : " (" + String.join(", ", datasets) + ")"), "refused on " + local(definitions, refused).substring(0, 16)
                    .replace('T', ' ') + ": " + why + "; nothing published since",
                    (!receipt.has("proposedDefinition")
                            ? "the department fixes the file as its receipt says and drops it again"
                            : datasets.isEmpty()
                            ? "no definition takes the file: its receipt proposes one (" + receipt.path("proposedDefinition")
                            .path("path").asText() + ") to fill in and drop back with the file, or the team adds one"
                            // a definition takes it, but the file's columns are not the definition's (drift)
                            : "its columns are not those of the definition: the department puts them back as its receipt "
                            + "says, or, if the change is meant, the team updates the definition (the receipt proposes "
                            + receipt.path("proposedDefinition").path("path").asText() + ")")
                            + " (receipt: " + html + ")"));
        }
    }

    /** Files an operational error stopped after their retries: each waits for an operator to move it back. */
    private void failures(List<Attention> attention) throws IOException {
        Path failed = workspace.failed();
        for (Path file : Workspace.filesUnder(failed, 3)) {
            Path relative = failed.relativize(file);
            String department = relative.getName(0).toString();
            attention.add(new Attention("failed", "failed/" + relative.toString().replace('\\', '/'),
                    "an operational error stopped it after its retries" + reason(department, file.getFileName().toString()),
                    "fix the cause (the run's log names it), then move the file back into "
                            + workspace.ingest().resolve(department)));
        }
    }

    /**
     * The work folder's disk: what it has free, and what the archive holds there; too little free to take a drop
     * needs attention (a run leaves every drop in its folder until space is freed).
     */
    private Disk disk(List<Attention> attention) throws IOException {
        long[] archived = new long[2];   // files, bytes
        Workspace.eachFileUnder(workspace.archive(), Integer.MAX_VALUE, (file, attrs) -> {
            archived[0]++;
            archived[1] += attrs.size();
        });
        long files = archived[0];
        long bytes = archived[1];
        long free = new DiskRoom(workspace.work(), minFreeMb * 1024 * 1024, clock).free();
        Disk disk = new Disk(free, files, bytes, keepDays);
        if (minFreeMb > 0 && free >= 0 && free < minFreeMb * 1024 * 1024) {
            attention.add(new Attention("disk", workspace.work().toString(), "its disk has " + io.hiraku.publish.ByteSize.human(free)
                    + " free, less than " + Settings.DISK_MIN_FREE_MB + " (" + minFreeMb + " MB): a run takes no drop "
                    + "until space is freed", "free space on that disk: the archive holds " + files + " file(s), "
                    + io.hiraku.publish.ByteSize.human(bytes) + (keepDays > 0 ? "" : " (kept for good: set " + Settings.ARCHIVE_KEEP_DAYS + ")")
                    + "; hiraku prune --keep N removes old releases of a store on the same disk"));
        }
        return disk;
    }

    /** Receipt mails the server has not taken yet (the outbox): the mail server or hiraku.mail.* may need a look. */
    private void unsentMails(List<Attention> attention) throws IOException {
        List<Path> unsent = MailOutbox.mailsIn(workspace.outbox());
        if (!unsent.isEmpty()) {
            attention.add(new Attention("mail", workspace.outbox().toString(), unsent.size()
                    + " receipt mail(s) not sent yet, the oldest " + unsent.get(0).getFileName().toString().substring(0, 15)
                    + " UTC; each is tried again until it is " + Settings.MAIL_GIVE_UP_HOURS + " old",
                    "see the run's log (Receipt not mailed …): the mail server, or hiraku.mail.smtp and its login"));
        }
    }

    /** The reason the newest "failed" receipt of that file in its department's folder gives, if one is there. */
    private String reason(String department, String fileName) throws IOException {
        JsonNode newest = null;
        for (Path file : Workspace.filesUnder(workspace.receipts(department), 1)) {
            String name = file.getFileName().toString();
            if (!name.startsWith(fileName + ".") || !name.endsWith(".json")) {
                continue;
            }
            JsonNode receipt = read(file);
            if (receipt != null && "failed".equals(receipt.path("outcome").asText()) && fileName.equals(
                    receipt.path("fileName").asText()) && (newest == null || newest.path("receivedAt").asText()
                    .compareTo(receipt.path("receivedAt").asText()) < 0)) {
                newest = receipt;
            }
        }
        return newest == null ? "" : ": " + newest.path("messageEn").asText();
    }

    private static JsonNode read(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            return null;   // gone meanwhile
        }
    }

    private static JsonNode read(java.io.InputStream in) {
        try {
            JsonNode node = JSON.readTree(in);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;   // a receipt being written, or not one of ours
        }
    }

    private static String local(Definitions definitions, Instant instant) {
        return definitions.catalog().localTime(instant);
    }
}
