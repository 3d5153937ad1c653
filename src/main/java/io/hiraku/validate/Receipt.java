package io.hiraku.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a department gets back for every file it drops: the outcome, what was received (name, size,
 * sha256), the dataset, the links to what was published, or every problem with its place and fix, and
 * what DCAT-AP recommends that the dataset's metadata lacks.
 *
 * @param receivedAt      when the file was taken, in UTC (ISO 8601)
 * @param receivedAtLocal the same instant in the catalog's time zone, with its offset (what people are shown)
 * @param outcome {@code published}, {@code unchanged} (same bytes as the latest release), {@code rejected}
 *                (the data must be fixed), {@code failed} (an operational error; the file is kept), or
 *                {@code defined} (a dropped dataset definition was saved); before the end {@code pending}
 *                (waiting for the store, or queued for a worker); beside them {@code overdue} (a dataset's
 *                update is due), {@code ignored} (a folder in a drop folder) and {@code withdrawn} (the
 *                open-data team took a release or a dataset out of publication)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        String outcome,
        String department,
        String departmentName,
        String fileName,
        String receivedAt,
        String receivedAtLocal,
        long bytes,
        String sha256,
        String datasetId,
        String datasetTitle,
        String release,
        String datasetUrl,
        List<Download> downloads,
        String messageJa,
        String messageEn,
        ValidationReport report,
        ProposedDefinition proposedDefinition,
        List<String> metadataAdvice,
        MetadataQuality metadataQuality) {

    /**
     * The EU Metadata Quality Assessment score the dataset will have once published (points of 405,
     * rating) and the indicators it does not fully meet, each as "metric points/weight".
     */
    public record MetadataQuality(int points, int maximum, String rating, List<String> unmet) {
    }

    /**
     * For a file no definition matches: where a definition would go, and one inferred from the file; or, for a file
     * whose columns are not its definition's ({@code update}), that definition brought to the file's columns.
     */
    public record ProposedDefinition(String path, String yaml, boolean update) {
        public ProposedDefinition(String path, String yaml) {
            this(path, yaml, false);
        }
    }

    /** A published file with its stable URL. */
    public record Download(String name, String format, String url, long bytes, String sha256) {
    }
}
