package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Sizes as pages, receipts and logs give them: binary units, one decimal, a dot whatever the JVM's locale. */
class ByteSizeTest {
    @Test
    void eachUnitFromItsFirstByteAndTheSameInEveryLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);   // a comma for decimals there
        try {
            assertThat(ByteSize.human(0)).isEqualTo("0 B");
            assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
            assertThat(ByteSize.human(1024)).isEqualTo("1.0 KB");
            assertThat(ByteSize.human(1536)).isEqualTo("1.5 KB");
            assertThat(ByteSize.human(245_904_330)).isEqualTo("234.5 MB");
            assertThat(ByteSize.human(1L << 30)).isEqualTo("1.0 GB");
            assertThat(ByteSize.human(2_254_857_830L)).isEqualTo("2.1 GB");
        } finally {
            Locale.setDefault(before);
        }
    }
}
