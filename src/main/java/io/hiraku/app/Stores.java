package io.hiraku.app;

import io.hiraku.publish.LocalObjectStore;
import io.hiraku.publish.ObjectStore;
import io.hiraku.publish.S3Encryption;
import io.hiraku.publish.S3ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Opens the object store that {@code hiraku.store} names: a folder path (or {@code file:} URI), or
 * {@code s3://bucket/prefix} with {@code hiraku.s3.*} for the region, an endpoint of an S3-compatible
 * store and path-style access. Credentials come from the AWS SDK's default chain (environment,
 * system properties, profile, instance role), never from this project's files.
 */
final class Stores {
    private Stores() {
    }

    static ObjectStore open(Settings settings) throws IOException {
        return open(settings.store(), settings);
    }

    /** The ingest object store ({@code hiraku.ingest-store}) departments upload drops to; null when there is none. */
    static ObjectStore ingestOrNull(Settings settings) throws IOException {
        String uri = settings.get(Settings.INGEST_STORE);
        return uri.isBlank() ? null : open(uri, settings);
    }

    /**
     * Distributed mode's shared archive ({@code hiraku.shared-archive}), where every worker keeps its refusals, for a
     * command run beside the pipeline; null when none is configured or its folder is not there.
     */
    static ObjectStore sharedArchiveOrNull(Settings settings) throws IOException {
        String shared = settings.get(Settings.SHARED_ARCHIVE);
        return shared.isBlank() || !shared.startsWith("s3://") && !Files.isDirectory(Path.of(shared))
                ? null : open(shared, settings);
    }

    /** The store at a location written like {@code hiraku.store}, with the same {@code hiraku.s3.*} settings. */
    static ObjectStore open(String uri, Settings settings) throws IOException {
        if (!uri.startsWith("s3://")) {
            String path = uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
            return new LocalObjectStore(Path.of(path));
        }
        String[] location = S3ObjectStore.parse(URI.create(uri));
        S3ClientBuilder client = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(settings.get(Settings.S3_REGION)))
                .forcePathStyle(settings.flag(Settings.S3_PATH_STYLE));
        String endpoint = settings.get(Settings.S3_ENDPOINT);
        if (!endpoint.isBlank()) {
            client.endpointOverride(URI.create(endpoint));
        }
        return new S3ObjectStore(client.build(), location[0], location[1],
                settings.integer(Settings.S3_PART_SIZE_MB) * 1024L * 1024L,
                S3Encryption.of(settings.get(Settings.S3_SSE), settings.get(Settings.S3_SSE_KMS_KEY_ID)));
    }
}
