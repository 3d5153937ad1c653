package io.hiraku.catalog;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The site's wording in one language: {@code messages/<lang>.properties} of the catalog's theme over
 * the application's default wording. Templates call it as {@code ${t("datasets.count", n)}}; the
 * arguments fill {@code {0}}, {@code {1}} as in {@link MessageFormat}. A key no file has is an error, so
 * a template's typo fails the build instead of showing a blank.
 */
public final class Messages implements TemplateMethodModelEx {
    private final String language;
    private final Map<String, String> texts;

    Messages(String language, Map<String, String> texts) {
        this.language = language;
        this.texts = Map.copyOf(texts);
    }

    /** The wording for a language: the shipped file (English if none ships), then the theme's own over it. */
    static Messages load(String language, Path themeMessages) throws IOException {
        Map<String, String> texts = new HashMap<>();
        if (!readShipped(language, texts)) {
            readShipped("en", texts);
        }
        Path own = themeMessages.resolve(language + ".properties");
        if (Files.isRegularFile(own)) {
            try (Reader in = Files.newBufferedReader(own, StandardCharsets.UTF_8)) {
                put(in, texts);
            }
        }
        return new Messages(language, texts);
    }

    private static boolean readShipped(String language, Map<String, String> texts) throws IOException {
        try (InputStream in = Messages.class.getResourceAsStream("/site/messages/" + language + ".properties")) {
            if (in == null) {
                return false;
            }
            put(new InputStreamReader(in, StandardCharsets.UTF_8), texts);
            return true;
        }
    }

    private static void put(Reader in, Map<String, String> texts) throws IOException {
        Properties props = new Properties();
        props.load(in);
        props.forEach((k, v) -> texts.put((String) k, (String) v));
    }

    public String language() {
        return language;
    }

    /** The text of a key with its arguments filled in. */
    public String get(String key, Object... args) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("the site wording has no '" + key + "' for language " + language
                    + " (catalog/site/messages/" + language + ".properties)");
        }
        if (args.length == 0) {
            return text;
        }
        return new MessageFormat(text.replace("'", "''"), Locale.forLanguageTag(language)).format(args);
    }

    /** The text of a key, or null when the wording has none (for optional labels such as licence names). */
    public String find(String key) {
        return texts.get(key);
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.isEmpty()) {
            throw new TemplateModelException("t(key, args...) needs a key");
        }
        Object[] args = new Object[arguments.size() - 1];
        for (int i = 1; i < arguments.size(); i++) {
            Object value = DeepUnwrap.unwrap((freemarker.template.TemplateModel) arguments.get(i));
            args[i - 1] = value instanceof Number n ? n.toString() : value;
        }
        try {
            return get(String.valueOf(DeepUnwrap.unwrap((freemarker.template.TemplateModel) arguments.get(0))), args);
        } catch (IllegalArgumentException e) {
            throw new TemplateModelException(e.getMessage());
        }
    }
}
