package io.hiraku.publish;

/**
 * The published data formats: a key (also the distribution's id), how a file of the format is named
 * after the dataset id, its extension, IANA media type, EU file-type authority code, and label.
 */
public enum Format {
    CSV("csv", ".csv", "csv", "text/csv", "CSV", "CSV"),
    EXCEL_CSV("excel-csv", "-excel.csv", "csv", "text/csv", "CSV", "CSV (Excel: UTF-8 with BOM)"),
    JSON("json", ".json", "json", "application/json", "JSON", "JSON"),
    GEOJSON("geojson", ".geojson", "geojson", "application/geo+json", "GEOJSON", "GeoJSON"),
    TURTLE("ttl", ".ttl", "ttl", "text/turtle", "RDF_TURTLE", "RDF (Turtle)"),
    NTRIPLES("nt", ".nt", "nt", "application/n-triples", "RDF_N_TRIPLES", "RDF (N-Triples)"),
    NTRIPLES_GZIP("nt-gz", ".nt.gz", "gz", "application/n-triples", "RDF_N_TRIPLES", "RDF (N-Triples, gzip)");

    private final String key;
    private final String fileSuffix;
    private final String extension;
    private final String mediaType;
    private final String euFileType;
    private final String label;

    Format(String key, String fileSuffix, String extension, String mediaType, String euFileType, String label) {
        this.key = key;
        this.fileSuffix = fileSuffix;
        this.extension = extension;
        this.mediaType = mediaType;
        this.euFileType = euFileType;
        this.label = label;
    }

    public static Format ofKey(String key) {
        for (Format f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown published format '" + key + "'");
    }

    /** The format of a dataset's published file, by its name ({@code aed-excel.csv} is the Excel CSV). */
    public static Format ofFile(String datasetId, String fileName) {
        for (Format f : values()) {
            if (fileName.equals(f.fileName(datasetId))) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + fileName + "' is not a published file of " + datasetId);
    }

    public String fileName(String datasetId) {
        return datasetId + fileSuffix;
    }

    public String key() {
        return key;
    }

    /** The file extension, Frictionless's {@code format}. */
    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether files of this format are gzip-compressed (DCAT's compressFormat). */
    public boolean gzipped() {
        return fileSuffix.endsWith(".gz");
    }

    /** The Content-Type a download of this format is served with. */
    public String contentType() {
        return gzipped() ? "application/gzip" : mediaType + "; charset=utf-8";
    }

    public String euFileType() {
        return euFileType;
    }

    public String label() {
        return label;
    }
}
