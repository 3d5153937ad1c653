package io.hiraku.schema;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A text given in one or more languages, written in YAML either as a plain string (taken as in the catalog's
 * first language: Japanese unless {@code catalog.yaml} lists other {@code languages}) or as a map such as
 * {@code {ja: 公衆トイレ, en: Public toilets}}.
 */
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = LocalizedText.Reader.class)
public final class LocalizedText {
    public static final String DEFAULT_LANGUAGE = "ja";
    /**
     * The reading attribute that names the language of plain strings (the catalog's first language); without it,
     * {@link #DEFAULT_LANGUAGE}.
     */
    public static final String PLAIN_LANGUAGE = "hiraku.plainLanguage";
    private static final LocalizedText EMPTY = new LocalizedText(Map.of());

    private final Map<String, String> byLanguage;

    private LocalizedText(Map<String, String> byLanguage) {
        this.byLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(byLanguage));
    }

    public static LocalizedText empty() {
        return EMPTY;
    }

    public static LocalizedText of(String language, String text) {
        return new LocalizedText(Map.of(language, text));
    }

    /** A text in Japanese and English. */
    public static LocalizedText jaEn(String ja, String en) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("ja", ja);
        texts.put("en", en);
        return new LocalizedText(texts);
    }

    /** Reads a plain string as in the language the reading names ({@link #PLAIN_LANGUAGE}), a map as it is. */
    static final class Reader extends com.fasterxml.jackson.databind.JsonDeserializer<LocalizedText> {
        @Override
        public LocalizedText deserialize(com.fasterxml.jackson.core.JsonParser p,
                                         com.fasterxml.jackson.databind.DeserializationContext ctxt) throws java.io.IOException {
            Object value = p.readValueAs(Object.class);
            return fromYaml(value, plainLanguage(ctxt));
        }

        @Override
        public LocalizedText getNullValue(com.fasterxml.jackson.databind.DeserializationContext ctxt) {
            return EMPTY;
        }
    }

    /** The language plain strings are in, for this reading. */
    static String plainLanguage(com.fasterxml.jackson.databind.DeserializationContext ctxt) {
        Object language = ctxt.getAttribute(PLAIN_LANGUAGE);
        return language instanceof String s && !s.isBlank() ? s : DEFAULT_LANGUAGE;
    }

    static LocalizedText fromYaml(Object value, String plainLanguage) {
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> texts = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    texts.put(String.valueOf(k), String.valueOf(v));
                }
            });
            return new LocalizedText(texts);
        }
        return new LocalizedText(Map.of(plainLanguage, String.valueOf(value)));
    }

    /** The text in the language asked for, else in Japanese, else in any language given; "" if none. */
    public String in(String language) {
        String text = byLanguage.get(language);
        if (text == null) {
            text = byLanguage.get(DEFAULT_LANGUAGE);
        }
        if (text == null && !byLanguage.isEmpty()) {
            text = byLanguage.values().iterator().next();
        }
        return text == null ? "" : text;
    }

    /** The language of the text {@link #in} gives for that language (for a page's {@code lang} attributes). */
    public String languageOf(String language) {
        if (byLanguage.containsKey(language)) {
            return language;
        }
        if (byLanguage.containsKey(DEFAULT_LANGUAGE) || byLanguage.isEmpty()) {
            return DEFAULT_LANGUAGE;
        }
        return byLanguage.keySet().iterator().next();
    }

    /** The text only if it is given in exactly that language. */
    public String exactly(String language) {
        return byLanguage.getOrDefault(language, "");
    }

    public boolean isEmpty() {
        return byLanguage.isEmpty();
    }

    @JsonValue
    public Map<String, String> asMap() {
        return byLanguage;
    }

    @Override
    public String toString() {
        return in(DEFAULT_LANGUAGE);
    }

    /** Texts are equal when they say the same in the same languages (the order they were given in aside). */
    @Override
    public boolean equals(Object other) {
        return other instanceof LocalizedText text && byLanguage.equals(text.byLanguage);
    }

    @Override
    public int hashCode() {
        return byLanguage.hashCode();
    }
}
