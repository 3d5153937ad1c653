package io.hiraku.validate;

/** A checked JSON value (object or array field), kept as compact JSON text; JSON output embeds it as is. */
public record JsonText(String json) {
    @Override
    public String toString() {
        return json;
    }
}
