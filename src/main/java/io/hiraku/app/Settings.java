package io.hiraku.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hiraku's settings, one value per {@code hiraku.*} key. Each comes from, highest first: a command-line
 * option, an environment variable named like the key ({@code hiraku.base-url} → {@code HIRAKU_BASE_URL}),
 * a JVM system property, then {@code application.properties}. {@code {{key}}} refers to another key.
 * The same resolved values are handed to Camel, so routes and Java see one configuration.
 */
public final class Settings {
    public static final String WORK = "hiraku.work";
    public static final String INGEST = "hiraku.ingest";
    public static final String CATALOG = "hiraku.catalog";
    public static final String STORE = "hiraku.store";
    public static final String BASE_URL = "hiraku.base-url";
    public static final String HOST = "hiraku.host";
    public static final String PORT = "hiraku.port";
    public static final String EXAMPLES = "hiraku.examples";
    public static final String SEED_EXAMPLES = "hiraku.seed-examples";
    public static final String POLL_MS = "hiraku.ingest.poll-ms";
    public static final String SETTLE_MS = "hiraku.ingest.settle-ms";
    public static final String RELEASES_KEEP = "hiraku.releases.keep";
    public static final String ARCHIVE_KEEP_DAYS = "hiraku.archive.keep-days";
    public static final String RECEIPTS_KEEP_DAYS = "hiraku.receipts.keep-days";
    public static final String STORE_RETRY_MAX_MS = "hiraku.store.retry-max-ms";
    public static final String DISK_MIN_FREE_MB = "hiraku.disk.min-free-mb";
    public static final String DEFINITIONS_FROM_DROPS = "hiraku.definitions.from-drops";
    public static final String GZIP_NTRIPLES_MB = "hiraku.gzip-ntriples-above-mb";
    public static final String PLAIN_NTRIPLES_UP_TO_MB = "hiraku.plain-ntriples-up-to-mb";
    public static final String TURTLE_UP_TO_MB = "hiraku.turtle-up-to-mb";
    public static final String GEOJSON_UP_TO_MB = "hiraku.geojson-up-to-mb";
    public static final String S3_REGION = "hiraku.s3.region";
    public static final String S3_ENDPOINT = "hiraku.s3.endpoint";
    public static final String S3_PATH_STYLE = "hiraku.s3.path-style";
    public static final String S3_PART_SIZE_MB = "hiraku.s3.part-size-mb";
    public static final String S3_SSE = "hiraku.s3.sse";
    public static final String S3_SSE_KMS_KEY_ID = "hiraku.s3.sse-kms-key-id";
    public static final String MANAGEMENT_ENABLED = "hiraku.management.enabled";
    public static final String MANAGEMENT_HOST = "hiraku.management.host";
    public static final String MANAGEMENT_PORT = "hiraku.management.port";
    public static final String LIMIT_RECORD_CHARS = "hiraku.limits.record-chars";
    public static final String LIMIT_COLUMNS = "hiraku.limits.columns";
    public static final String LIMIT_FILE_MB = "hiraku.limits.file-mb";
    public static final String LIMIT_KEY_MEMORY_MB = "hiraku.limits.key-memory-mb";
    public static final String INGEST_STORE = "hiraku.ingest-store";
    public static final String MODE = "hiraku.mode";
    public static final String ROLES = "hiraku.roles";
    public static final String SHARED_ARCHIVE = "hiraku.shared-archive";
    public static final String KAFKA_BROKERS = "hiraku.kafka.brokers";
    public static final String KAFKA_WORK_TOPIC = "hiraku.kafka.work-topic";
    public static final String KAFKA_WORK_PARTITIONS = "hiraku.kafka.work-partitions";
    public static final String KAFKA_PUBLISHED_TOPIC = "hiraku.kafka.published-topic";
    public static final String KAFKA_WORKER_GROUP = "hiraku.kafka.worker-group";
    public static final String KAFKA_CLIENT_CONFIG = "hiraku.kafka.client-config";
    public static final String MAIL_SMTP = "hiraku.mail.smtp";
    public static final String MAIL_FROM = "hiraku.mail.from";
    public static final String MAIL_USERNAME = "hiraku.mail.username";
    public static final String MAIL_PASSWORD = "hiraku.mail.password";
    public static final String MAIL_CC = "hiraku.mail.cc";
    public static final String MAIL_OUTCOMES = "hiraku.mail.outcomes";
    public static final String MAIL_GIVE_UP_HOURS = "hiraku.mail.give-up-hours";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    /** Every setting and its value. */
    Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Loads {@code application.properties} from the classpath and applies system properties, environment and overrides. */
    public static Settings load(Map<String, String> overrides) {
        Properties file = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                file.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("application.properties cannot be read", e);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith("hiraku.")) {
                raw.put(key, file.getProperty(key));
            }
        }
        for (String key : raw.keySet()) {
            String sys = System.getProperty(key);
            if (sys != null) {
                raw.put(key, sys);
            }
            String env = System.getenv(environmentName(key));
            if (env != null) {
                raw.put(key, env);
            }
        }
        overrides.forEach((k, v) -> {
            if (v != null) {
                raw.put(k, v);
            }
        });
        return new Settings(resolveAll(raw::get, raw.keySet()));
    }

    /** Settings read through another resolver (Camel's properties component inside the running app). */
    public static Settings from(Function<String, String> lookup, Iterable<String> keys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            values.put(key, lookup.apply(key));
        }
        return new Settings(values);
    }

    private static Map<String, String> resolveAll(Function<String, String> raw, Iterable<String> keys) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String key : keys) {
            resolved.put(key, resolve(raw, raw.apply(key), 0));
        }
        return resolved;
    }

    private static String resolve(Function<String, String> raw, String value, int depth) {
        if (value == null || depth > 10) {
            return value;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = raw.apply(m.group(1).trim());
            m.appendReplacement(out, Matcher.quoteReplacement(ref == null ? "" : resolve(raw, ref, depth + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("setting " + key + " is not configured");
        }
        return v;
    }

    public Path path(String key) {
        return Path.of(get(key));
    }

    /** The limits one drop is held to ({@code hiraku.limits.*}). */
    public io.hiraku.source.Limits limits() {
        return new io.hiraku.source.Limits(integer(LIMIT_RECORD_CHARS), integer(LIMIT_COLUMNS),
                integer(LIMIT_FILE_MB) * 1024L * 1024L, integer(LIMIT_KEY_MEMORY_MB) * 1024L * 1024L);
    }

    public int integer(String key) {
        return Integer.parseInt(get(key).trim());
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key).trim());
    }

    public Path work() {
        return path(WORK);
    }

    public Path ingest() {
        return path(INGEST);
    }

    public Path catalog() {
        return path(CATALOG);
    }

    public String store() {
        return get(STORE);
    }

    /** Empty means: take the base URL from catalog.yaml. */
    public String baseUrl() {
        return values.getOrDefault(BASE_URL, "");
    }
}
