package io.hiraku.publish;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class LocalObjectStoreTest extends ObjectStoreContract {
    @Override
    ObjectStore store() throws Exception {
        return new LocalObjectStore(dir.resolve("store"));
    }

    @Test
    void aKeyCannotLeaveTheStore() throws Exception {
        ObjectStore store = store();
        assertThatThrownBy(() -> store.put("../outside.csv", Files.writeString(dir.resolve("x"), "x"),
                ObjectInfo.changing("text/csv"))).isInstanceOf(IllegalArgumentException.class);
    }
}
