package io.hiraku.publish;

/** The published formats: file suffix, IANA media type, EU file-type authority code, label. */
public enum Format {
    CSV("csv", "text/csv", "CSV", "CSV"),
    JSON("json", "application/json", "JSON", "JSON"),
    TURTLE("ttl", "text/turtle", "RDF_TURTLE", "RDF (Turtle)"),
    NTRIPLES("nt", "application/n-triples", "RDF_N_TRIPLES", "RDF (N-Triples)");

    private final String suffix;
    private final String mediaType;
    private final String euFileType;
    private final String label;

    Format(String suffix, String mediaType, String euFileType, String label) {
        this.suffix = suffix;
        this.mediaType = mediaType;
        this.euFileType = euFileType;
        this.label = label;
    }

    /** The format of a published file suffix ({@code csv}, {@code ttl} …). */
    public static Format ofSuffix(String suffix) {
        for (Format f : values()) {
            if (f.suffix.equals(suffix)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown published format '" + suffix + "'");
    }

    public String suffix() {
        return suffix;
    }

    public String mediaType() {
        return mediaType;
    }

    public String euFileType() {
        return euFileType;
    }

    public String label() {
        return label;
    }
}
