package io.hiraku.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hiraku.validate.ColumnErrors;
import io.hiraku.validate.Issue;
import io.hiraku.validate.Receipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a receipt as {@code <name>.json} (for programs) and {@code <name>.html} (for people, ja/en). */
public final class ReceiptWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final SiteTemplates templates;
    private final int folderKeepDays;

    /** A writer for places whose receipts are kept for good. */
    public ReceiptWriter(SiteTemplates templates) {
        this(templates, 0);
    }

    /**
     * @param folderKeepDays how many days a drop folder keeps each receipt (hiraku.receipts.keep-days; 0 for good),
     *                       which a folder's list tells the department
     */
    public ReceiptWriter(SiteTemplates templates, int folderKeepDays) {
        this.templates = templates;
        this.folderKeepDays = folderKeepDays;
    }

    /** Writes both files into the folder (atomically each) and returns the JSON file's path. */
    public Path write(Receipt receipt, Path folder, String baseName) throws IOException {
        Files.createDirectories(folder);
        Path json = folder.resolve(baseName + ".json");
        writeAtomically(json, JSON.writeValueAsBytes(receipt));
        writeAtomically(folder.resolve(baseName + ".html"), html(receipt).getBytes(StandardCharsets.UTF_8));
        return json;
    }

    /** The receipt as people read it (the {@code .html} file, and a mailed receipt's HTML part). */
    public String html(Receipt receipt) throws IOException {
        return templates.render("receipt.ftlh", model(receipt));
    }

    /**
     * The list of a receipts folder as people read it ({@code index.html}).
     *
     * @param folder whether the list is a drop folder's (where receipts are removed after {@code folderKeepDays});
     *               an ingest bucket's receipts go by the bucket's own lifecycle rules, which Hiraku does not know
     */
    public String html(ReceiptListing listing, boolean folder) throws IOException {
        Map<String, Object> model = new LinkedHashMap<>();
        List<Map<String, Object>> receipts = new ArrayList<>();
        for (ReceiptListing.Entry e : listing.receipts()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", e.name());
            r.put("outcome", e.outcome());
            r.put("receivedAt", e.receivedAt());
            r.put("fileName", e.fileName());
            r.put("datasetId", e.datasetId());
            r.put("datasetTitle", e.datasetTitle());
            receipts.add(r);
        }
        model.put("receipts", receipts);
        model.put("data", ReceiptListing.start() + listing.embedded() + "</script>");
        model.put("kept", ReceiptListing.KEPT);
        model.put("keepDays", folder ? folderKeepDays : 0);
        return templates.render("receipts.ftlh", model);
    }

    /** Removes a receipt (both its files) if it exists. */
    public void delete(Path folder, String baseName) throws IOException {
        Files.deleteIfExists(folder.resolve(baseName + ".json"));
        Files.deleteIfExists(folder.resolve(baseName + ".html"));
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        io.hiraku.publish.DurableFiles.write(target, content);
    }

    /** {@code 2026-11-28T06:51:02.711+09:00} as people read it: {@code 2026-11-28 06:51:02 (UTC+09:00)}. */
    static String shown(String offsetDateTime) {
        java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(offsetDateTime);
        return t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + " (UTC"
                + (t.getOffset().getTotalSeconds() == 0 ? "" : t.getOffset().getId()) + ")";
    }

    private static Map<String, Object> model(Receipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome());
        m.put("department", r.department());
        m.put("departmentName", r.departmentName() == null ? "" : r.departmentName());
        m.put("fileName", r.fileName());
        m.put("receivedAt", r.receivedAtLocal() == null ? r.receivedAt() : shown(r.receivedAtLocal()));
        m.put("bytes", r.bytes());
        m.put("size", io.hiraku.publish.ByteSize.human(r.bytes()));
        m.put("sha256", r.sha256() == null ? "" : r.sha256());
        m.put("datasetId", r.datasetId() == null ? "" : r.datasetId());
        m.put("datasetTitle", r.datasetTitle() == null ? "" : r.datasetTitle());
        m.put("release", r.release() == null ? "" : r.release());
        m.put("datasetUrl", r.datasetUrl() == null ? "" : r.datasetUrl());
        m.put("messageJa", r.messageJa() == null ? "" : r.messageJa());
        m.put("messageEn", r.messageEn() == null ? "" : r.messageEn());
        List<Map<String, Object>> downloads = new ArrayList<>();
        if (r.downloads() != null) {
            for (Receipt.Download d : r.downloads()) {
                downloads.add(Map.of("name", d.name(), "format", d.format(), "url", d.url(),
                        "size", io.hiraku.publish.ByteSize.human(d.bytes()), "sha256", d.sha256()));
            }
        }
        m.put("downloads", downloads);
        List<Map<String, Object>> columns = new ArrayList<>();
        List<Map<String, Object>> normalizations = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        if (r.report() != null) {
            for (ColumnErrors column : r.report().getErrorsByColumn()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("column", column.getColumn());
                c.put("number", column.getColumnNumber() == null ? "" : column.getColumnNumber());
                c.put("count", column.getCount());
                c.put("types", String.join(", ", column.getTypes().keySet())); // the codes, as the JSON has them
                List<ProblemKinds.Name> kinds = column.getTypes().keySet().stream().map(ProblemKinds::of).toList();
                c.put("typesJa", String.join("、", kinds.stream().map(ProblemKinds.Name::ja).toList()));
                c.put("typesEn", String.join("; ", kinds.stream().map(ProblemKinds.Name::en).toList()));
                c.put("more", column.getCount() - column.getExamples().size());
                List<Map<String, Object>> examples = new ArrayList<>();
                for (Issue i : column.getExamples()) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("line", i.line() == null ? "" : i.line());
                    e.put("row", i.rowNumber() == null ? "" : i.rowNumber());
                    e.put("value", i.cell() == null ? "" : i.cell());
                    e.put("messageJa", i.messageJa());
                    e.put("messageEn", i.messageEn());
                    examples.add(e);
                }
                c.put("examples", examples);
                columns.add(c);
            }
            r.report().getNormalizations().forEach((field, counts) -> counts.forEach((kind, n) ->
                    normalizations.add(Map.of("field", field, "ja", kind.ja(), "en", kind.en(), "count", n))));
            report.put("encoding", nullToEmpty(r.report().getEncoding()));
            report.put("encodingReasonJa", nullToEmpty(r.report().getEncodingReasonJa()));
            report.put("encodingReasonEn", nullToEmpty(r.report().getEncodingReasonEn()));
            report.put("rows", r.report().getRows());
            report.put("format", nullToEmpty(r.report().getFormat()));
            List<Map<String, Object>> metadata = new ArrayList<>();
            r.report().getMetadataRows().forEach((key, values) -> {
                if (!values.isEmpty()) {
                    metadata.add(Map.of("key", "#" + key, "value", String.join(", ", values)));
                }
            });
            m.put("metadataRows", metadata);
            List<Map<String, Object>> skipped = new ArrayList<>();
            r.report().getSkippedRows().forEach(e -> skipped.add(Map.of("ja", e.reason().ja(), "en", e.reason().en(),
                    "count", e.count(), "lines", e.lines())));
            m.put("skipped", skipped);
            report.put("errorCount", r.report().getErrorCount());
            report.put("moreErrors", r.report().getErrorCount() - r.report().getErrors().size());
        }
        m.putIfAbsent("skipped", List.of());
        m.putIfAbsent("metadataRows", List.of());
        m.put("report", report);
        m.put("advice", r.metadataAdvice() == null ? List.of() : r.metadataAdvice());
        if (r.metadataQuality() != null) {
            m.put("quality", Map.of("points", r.metadataQuality().points(), "maximum", r.metadataQuality().maximum(),
                    "rating", r.metadataQuality().rating(), "unmet", r.metadataQuality().unmet()));
        }
        m.put("proposalPath", r.proposedDefinition() == null ? "" : r.proposedDefinition().path());
        m.put("proposalFile", r.proposedDefinition() == null ? ""
                : r.proposedDefinition().path().substring(r.proposedDefinition().path().lastIndexOf('/') + 1));
        m.put("proposalYaml", r.proposedDefinition() == null ? "" : r.proposedDefinition().yaml());
        m.put("proposalUpdate", r.proposedDefinition() != null && r.proposedDefinition().update());
        m.put("errorColumns", columns);
        m.put("normalizations", normalizations);
        return m;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

}
