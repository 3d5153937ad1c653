package io.hiraku;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: S3Proxy with an in-memory store, on 127.0.0.1 and a free
 * port, with signature checking on. Start it, use {@link #client()}, close it; {@link #stop()} and
 * {@link #restart()} make an outage in between.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "hiraku-test";
    public static final String SECRET_KEY = "hiraku-test-secret";

    private final BlobStore blobs = new TransientNio2BlobStore();
    private final int port;
    private S3Proxy proxy;

    public S3Server() throws Exception {
        this(0);
    }

    /** A server on a given port of 127.0.0.1 (0: any free port), to stop and start again at the same place. */
    public S3Server(int port) throws Exception {
        proxy = start(port);
        this.port = proxy.getPort();
    }

    private S3Proxy start(int at) throws Exception {
        S3Proxy started = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + at))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        started.start();
        while (!started.getState().equals("STARTED")) {
            Thread.onSpinWait();
        }
        return started;
    }

    /** An outage: the server stops answering (connections are refused); what it stores is kept. */
    public void stop() throws Exception {
        proxy.stop();
    }

    /** The end of an outage: the server answers again on the same port, with what it stored before. */
    public void restart() throws Exception {
        proxy = start(port);
    }

    /** A port of 127.0.0.1 that is free now. */
    public static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .endpointOverride(endpoint())
                .region(Region.AP_NORTHEAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /**
     * Makes this server the S3 that Hiraku commands in this JVM use, as an operator would configure it:
     * credentials for the AWS default chain, the endpoint and path-style access, and any further settings,
     * all as system properties, until {@link #close}.
     */
    public void useForHiraku(java.util.Map<String, String> moreSettings) {
        java.util.Map<String, String> all = new java.util.HashMap<>(moreSettings);
        all.put("aws.accessKeyId", ACCESS_KEY);
        all.put("aws.secretAccessKey", SECRET_KEY);
        all.put(io.hiraku.app.Settings.S3_ENDPOINT, endpoint().toString());
        all.put(io.hiraku.app.Settings.S3_PATH_STYLE, "true");
        all.forEach(System::setProperty);
        systemProperties.addAll(all.keySet());
    }

    private final java.util.Set<String> systemProperties = new java.util.HashSet<>();

    /** Stops the server, and forgets the system properties {@link #useForHiraku} set. */
    @Override
    public void close() throws Exception {
        systemProperties.forEach(System::clearProperty);
        systemProperties.clear();
        proxy.stop();
    }
}
