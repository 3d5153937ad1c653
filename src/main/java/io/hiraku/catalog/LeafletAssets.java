package io.hiraku.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Leaflet's script, stylesheet and licence, from its WebJar on the classpath, for the catalog to publish under
 * {@code assets/leaflet/}: what the map of a dataset of places ({@code assets/map.js}) draws with.
 */
final class LeafletAssets {
    private static final String WEBJAR = "META-INF/resources/webjars/leaflet/";
    private static final List<String> FILES = List.of("dist/leaflet.js", "dist/leaflet.css", "LICENSE");
    private static List<Path> copied;

    private LeafletAssets() {
    }

    /** The files, copied once per process out of the jar into a temporary folder. */
    static synchronized List<Path> files() {
        if (copied == null) {
            try {
                Path folder = Files.createTempDirectory("hiraku-leaflet");
                folder.toFile().deleteOnExit();
                String root = WEBJAR + version() + "/";
                List<Path> files = new ArrayList<>();
                for (String name : FILES) {
                    Path target = folder.resolve(name.substring(name.lastIndexOf('/') + 1));
                    try (InputStream in = resource(root + name)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    target.toFile().deleteOnExit();
                    files.add(target);
                }
                copied = List.copyOf(files);
            } catch (IOException e) {
                throw new UncheckedIOException("Leaflet's files could not be copied out of its WebJar", e);
            }
        }
        return copied;
    }

    /** The WebJar's version, as its Maven metadata says (the pom names it once). */
    private static String version() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars.npm/leaflet/pom.properties")) {
            pom.load(in);
        }
        return pom.getProperty("version");
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = LeafletAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath (the org.webjars.npm:leaflet dependency)");
        }
        return in;
    }
}
