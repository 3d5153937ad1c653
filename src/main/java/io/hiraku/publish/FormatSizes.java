package io.hiraku.publish;

/**
 * Which formats a release gets by its size. The N-Triples get a gzip copy once they are larger than
 * {@code gzipNTriplesAbove} bytes, and are published only as that copy once they are larger than
 * {@code plainNTriplesUpTo} (never before the copy is made: {@link GzipCopy} sees to it): a large table's N-Triples are many times its CSV (2 GB for a million rows of
 * 13 columns) and shrink tenfold, every RDF reader takes them gzipped, and the store then keeps, uploads
 * and serves a tenth. Turtle is written only while the N-Triples are at most {@code turtleUpTo} bytes:
 * past that it would be the same graph again in another layout, for nobody reads millions of triples as
 * text (and every Turtle reader reads N-Triples too). GeoJSON, for a table of places, is written only
 * while it is at most {@code geoJsonUpTo} bytes: it is for maps, which do not show a million points from
 * one file (the CSV and JSON have the coordinates all the same).
 */
public record FormatSizes(long gzipNTriplesAbove, long plainNTriplesUpTo, long turtleUpTo, long geoJsonUpTo) {
    /** Every format, uncompressed: what a release gets when nothing is said. */
    public static final FormatSizes ALL = new FormatSizes(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /** From the settings' megabytes. */
    public static FormatSizes ofMegabytes(long gzipNTriplesAboveMb, long plainNTriplesUpToMb, long turtleUpToMb,
                                          long geoJsonUpToMb) {
        return new FormatSizes(megabytes(gzipNTriplesAboveMb), megabytes(plainNTriplesUpToMb), megabytes(turtleUpToMb),
                megabytes(geoJsonUpToMb));
    }

    private static long megabytes(long mb) {
        return mb >= Long.MAX_VALUE / (1024L * 1024L) ? Long.MAX_VALUE : mb * 1024L * 1024L;
    }
}
