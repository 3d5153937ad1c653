package io.hiraku.catalog;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The site theme in {@code catalog/site/}: FreeMarker templates in {@code templates/} ({@code .ftlh}:
 * every value is HTML-escaped unless a template says otherwise) and static files in {@code assets/}, the wording in
 * {@code messages/<lang>.properties}.
 * A government restyles its catalog by editing these files; no Java changes. A template or asset the
 * catalog does not have comes from the default theme shipped in the application.
 */
public final class SiteTemplates {
    private static final List<String> SHIPPED_ASSETS = List.of("style.css", "search.js");
    private final Configuration freemarker;
    private final Path assets;
    private final Path messages;
    private final Path own;

    public SiteTemplates(Path siteDir) {
        try {
            freemarker = new Configuration(Configuration.VERSION_2_3_34);
            TemplateLoader shipped = new ClassTemplateLoader(SiteTemplates.class, "/site/templates");
            own = siteDir.resolve("templates");
            freemarker.setTemplateLoader(Files.isDirectory(own)
                    ? new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(own.toFile()), shipped})
                    : shipped);
            freemarker.setDefaultEncoding("UTF-8");
            freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            freemarker.setLogTemplateExceptions(false);
            freemarker.setWrapUncheckedExceptions(true);
            freemarker.setFallbackOnNullLoopVariable(false);
        } catch (IOException e) {
            throw new UncheckedIOException("the site templates folder " + siteDir.resolve("templates")
                    + " cannot be read", e);
        }
        this.assets = siteDir.resolve("assets");
        this.messages = siteDir.resolve("messages");
    }

    public String render(String templateName, Map<String, Object> model) throws IOException {
        Template template = freemarker.getTemplate(templateName);
        StringWriter out = new StringWriter();
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            throw new IOException("template " + templateName + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Which state of the catalog's own theme (templates and wording) pages are made from: each file's name,
     * size and time. It changes when a file of the theme is edited; the shipped default never does.
     */
    public String version() throws IOException {
        return FileStamps.of(own) + " " + FileStamps.of(messages);
    }

    /** The site's wording in a language ({@code messages/<lang>.properties}). */
    public Messages messages(String language) throws IOException {
        return Messages.load(language, messages);
    }

    /** The static files to publish under {@code assets/}: the catalog's own, else the default theme's. */
    public List<Path> assets() throws IOException {
        if (Files.isDirectory(assets)) {
            try (Stream<Path> files = Files.list(assets)) {
                return files.filter(Files::isRegularFile).sorted().toList();
            }
        }
        Path copy = Files.createTempDirectory("hiraku-assets");
        copy.toFile().deleteOnExit();
        List<Path> shipped = new java.util.ArrayList<>();
        for (String name : SHIPPED_ASSETS) {
            try (java.io.InputStream in = SiteTemplates.class.getResourceAsStream("/site/assets/" + name)) {
                if (in != null) {
                    Path file = copy.resolve(name);
                    Files.copy(in, file);
                    file.toFile().deleteOnExit();
                    shipped.add(file);
                }
            }
        }
        return shipped;
    }
}
