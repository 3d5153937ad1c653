package io.hiraku.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hiraku.validate.Receipt;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of a receipts folder ({@code _receipts/index.html}): its newest receipts first, each with when, which
 * file, which dataset and what became of it, so that a department sees the history of its drops on one page rather
 * than in a folder of hundreds of files. Only the newest {@value #KEPT} are listed; every receipt stays in the
 * folder. The page carries the list as JSON too ({@code <script type="application/json" id="receipts">}), which is
 * what the next receipt is added to: one file, beside the receipts, in a folder or an ingest bucket alike.
 */
public record ReceiptListing(List<Entry> receipts) {
    public static final String HTML = "index.html";
    static final int KEPT = 500;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String START = "<script type=\"application/json\" id=\"receipts\">";

    /**
     * One receipt: its name in the folder (without {@code .json}/{@code .html}) and what it says in short.
     *
     * @param receivedAt when the file was taken, as people are shown it
     * @param at         the same in UTC (ISO 8601), what the list is ordered by (absent in lists written before it was)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String outcome, String receivedAt, String fileName, String datasetId,
                        String datasetTitle, String at) {
        static Entry of(Receipt receipt, String name) {
            return of(name, receipt.outcome(), receipt.receivedAt(), receipt.receivedAtLocal(), receipt.fileName(),
                    receipt.datasetId(), receipt.datasetTitle());
        }

        /** @param at when the file was taken (UTC); @param local the same in the catalog's zone, shown when given */
        private static Entry of(String name, String outcome, String at, String local, String fileName, String datasetId,
                                String datasetTitle) {
            return new Entry(name, outcome, local == null ? at : ReceiptWriter.shown(local), fileName, datasetId,
                    datasetTitle, at);
        }

        private java.time.Instant time() {
            try {
                return at == null ? null : java.time.Instant.parse(at);
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        /** The entry of a receipt's JSON ({@code <name>.json}); null if it cannot be read as one. */
        public static Entry read(InputStream json, String name) {
            try (json) {
                com.fasterxml.jackson.databind.JsonNode r = MAPPER.readTree(json);
                return r.path("outcome").isTextual() ? of(name, r.path("outcome").asText(),
                        r.path("receivedAt").asText(null), r.path("receivedAtLocal").asText(null),
                        r.path("fileName").asText(null), r.path("datasetId").asText(null),
                        r.path("datasetTitle").asText(null)) : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** An entry with its time read once for sorting. */
    private record Timed(java.time.Instant time, Entry entry) {
    }

    /** Newest first by when the file was taken; entries without that time (older lists') after, as they were. */
    private static final java.util.Comparator<Timed> NEWEST_FIRST = java.util.Comparator.comparing(Timed::time,
            java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()));

    public ReceiptListing {
        receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }

    public static ReceiptListing empty() {
        return new ReceiptListing(List.of());
    }

    /**
     * The list a page carries, or an empty one if it carries none that can be read (it is made again from the
     * receipts added next).
     */
    public static ReceiptListing read(InputStream page) {
        try (page) {
            String html = new String(page.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int start = html.indexOf(START);
            int end = start < 0 ? -1 : html.indexOf("</script>", start);
            return end < 0 ? empty() : MAPPER.readValue(html.substring(start + START.length(), end), ReceiptListing.class);
        } catch (IOException e) {
            return empty();
        }
    }

    /** With a receipt added (one of the same name replaced), the oldest beyond {@value #KEPT} left out. */
    public ReceiptListing with(Receipt receipt, String name) {
        List<Entry> all = new ArrayList<>();
        all.add(Entry.of(receipt, name));
        receipts.stream().filter(e -> !e.name().equals(name)).forEach(all::add);
        return ordered(all);
    }

    /**
     * The list made to agree with the receipts in its folder, for a folder that more than one process writes
     * (distributed mode's nodes, and a {@code withdraw} beside them): one of them may have written the list
     * over with what it read before another's receipt was added. Receipts written since {@code since} that the list
     * lacks are added (their entries read by {@code read}, skipped if it gives none), and listed receipts no longer
     * there are left out (a pending receipt another process replaced).
     *
     * @param present every receipt in the folder now (its name) and when it was written
     */
    public ReceiptListing reconciled(java.util.Map<String, java.time.Instant> present, java.time.Instant since,
                                     java.util.function.Function<String, Entry> read) {
        List<Entry> all = new ArrayList<>(receipts.stream().filter(e -> present.containsKey(e.name())).toList());
        java.util.Set<String> listed = new java.util.HashSet<>();
        receipts.forEach(e -> listed.add(e.name()));
        present.forEach((name, written) -> {
            if (!listed.contains(name) && !written.isBefore(since)) {
                Entry entry = read.apply(name);
                if (entry != null) {
                    all.add(entry);
                }
            }
        });
        return ordered(all);
    }

    private static ReceiptListing ordered(List<Entry> entries) {
        return new ReceiptListing(entries.stream().map(e -> new Timed(e.time(), e)).sorted(NEWEST_FIRST).limit(KEPT)
                .map(Timed::entry).toList());
    }

    /** Without the receipt of that name (a "pending" one its final receipt replaced). */
    public ReceiptListing without(String name) {
        return new ReceiptListing(receipts.stream().filter(e -> !e.name().equals(name)).toList());
    }

    /**
     * The list as JSON to put inside the page's script element: every {@code <} written as {@code \\u003c}, so no
     * file name or title can end the element.
     */
    String embedded() throws IOException {
        return MAPPER.writeValueAsString(this).replace("<", "\\u003c");
    }

    static String start() {
        return START;
    }
}
