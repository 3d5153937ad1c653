package io.hiraku.validate;

import java.io.IOException;

/** Receives each valid, typed row in file order (the format writers of a release are one). */
public interface RowSink {
    RowSink DISCARD = (rowNumber, values) -> { };

    /**
     * @param rowNumber 1 for the first data row
     * @param values    one typed value per schema field: String, Long/BigInteger, BigDecimal,
     *                  Boolean, LocalDate, or null when missing
     */
    void accept(long rowNumber, Object[] values) throws IOException;
}
