package io.hiraku.schema;

/**
 * What a dataset's owner wants done with a file that has bad rows: {@code reject} it whole (the
 * default), or {@code publish-valid-rows}, listing the rows left out in the receipt, as long as they
 * stay within {@code maxInvalidRows} and {@code maxInvalidShare} (0.05 = 5%). Problems of the file as a
 * whole (encoding, columns, structure) always reject it.
 */
public record ErrorPolicy(String onError, Long maxInvalidRows, Double maxInvalidShare) {
    public static final ErrorPolicy REJECT = new ErrorPolicy(null, null, null);

    public ErrorPolicy {
        onError = onError == null ? "reject" : onError;
        if (!onError.equals("reject") && !onError.equals("publish-valid-rows")) {
            throw new IllegalArgumentException("errorPolicy.onError must be reject or publish-valid-rows, not '"
                    + onError + "'");
        }
        if (maxInvalidShare != null && (maxInvalidShare < 0 || maxInvalidShare > 1)) {
            throw new IllegalArgumentException("errorPolicy.maxInvalidShare is a share between 0 and 1");
        }
    }

    public boolean publishesValidRows() {
        return onError.equals("publish-valid-rows");
    }

    /** Whether a file with these rows, this many invalid, may still be published without them. */
    public boolean allows(long rows, long invalidRows) {
        return publishesValidRows() && invalidRows < rows
                && (maxInvalidRows == null || invalidRows <= maxInvalidRows)
                && (maxInvalidShare == null || invalidRows <= maxInvalidShare * rows);
    }
}
