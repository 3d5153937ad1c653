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

    /** One receipt: its name in the folder (without {@code .json}/{@code .html}) and what it says in short. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String outcome, String receivedAt, String fileName, String datasetId,
                        String datasetTitle) {
    }

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

    /** With a receipt added first (one of the same name replaced), the oldest beyond {@value #KEPT} left out. */
    public ReceiptListing with(Receipt receipt, String name) {
        List<Entry> all = new ArrayList<>();
        all.add(new Entry(name, receipt.outcome(), receipt.receivedAtLocal() == null ? receipt.receivedAt()
                : ReceiptWriter.shown(receipt.receivedAtLocal()), receipt.fileName(), receipt.datasetId(),
                receipt.datasetTitle()));
        receipts.stream().filter(e -> !e.name().equals(name)).limit(KEPT - 1).forEach(all::add);
        return new ReceiptListing(all);
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
