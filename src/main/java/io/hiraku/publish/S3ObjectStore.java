package io.hiraku.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Objects in an S3 bucket (or any S3-compatible store: MinIO, Ceph), under a key prefix, through the
 * AWS SDK for Java v2. Each object gets its media type, its {@code Cache-Control} and its sha256 as
 * metadata ({@code x-amz-meta-sha256}), and the SDK sends a SHA-256 checksum the store verifies. Files
 * above the multipart threshold go up in parts read one at a time from disk, so memory stays bounded.
 * The SDK's retry strategy backs off on throttling and 5xx; a missing bucket or denied access is an
 * error that says which.
 */
public final class S3ObjectStore implements ObjectStore {
    static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long partSize;
    private final S3Encryption encryption;

    /** A store whose objects get the bucket's default encryption. */
    public S3ObjectStore(S3Client s3, String bucket, String prefix, long partSize) {
        this(s3, bucket, prefix, partSize, S3Encryption.NONE);
    }

    /**
     * @param prefix     key prefix inside the bucket, "" or ending in "/"
     * @param partSize   the size of multipart parts and the threshold above which a file is sent in parts
     *                   (at least 5 MiB, S3's minimum)
     * @param encryption the server-side encryption every object is written with
     */
    public S3ObjectStore(S3Client s3, String bucket, String prefix, long partSize, S3Encryption encryption) {
        this.encryption = encryption;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix)
                : prefix + "/";
        this.partSize = Math.max(partSize, 5L * 1024 * 1024);
    }

    /** Parses {@code s3://bucket/prefix}: {bucket, prefix}. */
    public static String[] parse(URI uri) {
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + uri + "' is not an s3://bucket/prefix URI");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new String[] {uri.getHost(), path};
    }

    @Override
    public void put(String key, Path file, ObjectInfo info) throws IOException {
        String sha256 = info.sha256() != null ? info.sha256() : Sha256.of(file);
        long size = Files.size(file);
        try {
            if (size <= partSize) {
                s3.putObject(b -> b.bucket(bucket).key(prefix + key).contentType(info.contentType())
                                .cacheControl(info.cacheControl()).metadata(Map.of("sha256", sha256))
                                .serverSideEncryption(encryption.algorithm()).ssekmsKeyId(encryption.kmsKeyId())
                                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(base64(sha256)),
                        RequestBody.fromFile(file));
            } else {
                putInParts(key, file, size, info, sha256);
            }
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    private void putInParts(String key, Path file, long size, ObjectInfo info, String sha256) throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(prefix + key)
                .contentType(info.contentType()).cacheControl(info.cacheControl())
                .metadata(Map.of("sha256", sha256)).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .serverSideEncryption(encryption.algorithm()).ssekmsKeyId(encryption.kmsKeyId())).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length).checksumAlgorithm(ChecksumAlgorithm.SHA256),
                        RequestBody.fromInputStream(new BoundedInputStream(in, length), length));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(part.eTag())
                        .checksumSHA256(part.checksumSHA256()).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | SdkException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId));
            } catch (SdkException ignored) {
                // the upload is left for the bucket's lifecycle rule; the error below is what matters
            }
            throw e;
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(prefix + key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        return objects(keyPrefix).stream().map(o -> o.key().substring(prefix.length())).toList();
    }

    @Override
    public List<Listed> listByAge(String keyPrefix) throws IOException {
        return objects(keyPrefix).stream().map(o -> new Listed(o.key().substring(prefix.length()), o.lastModified()))
                .sorted(java.util.Comparator.comparing(Listed::modified).thenComparing(Listed::key)).toList();
    }

    /** Every object under the key prefix, page after page. */
    private List<software.amazon.awssdk.services.s3.model.S3Object> objects(String keyPrefix) throws IOException {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents().stream().toList();
        } catch (SdkException e) {
            throw failure("list", keyPrefix, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        return describe(key).isPresent();
    }

    @Override
    public Optional<StoredObject> describe(String key) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new StoredObject(head.contentType(), head.cacheControl(), head.metadata().get("sha256"),
                    head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    private IOException failure(String action, String key, SdkException e) {
        if (e instanceof SdkClientException || e instanceof S3Exception s && (s.statusCode() >= 500 || s.statusCode() == 429)) {
            return new StoreUnavailableException("the store s3://" + bucket + " is unavailable (" + action + " " + prefix + key
                    + "): " + e.getMessage(), e);
        }
        String reason = e.getMessage();
        if (e instanceof NoSuchBucketException) {
            reason = "the bucket '" + bucket + "' does not exist";
        } else if (e instanceof S3Exception s && s.statusCode() == 403) {
            reason = "access to the bucket '" + bucket + "' is denied (check the credentials and the bucket policy)";
        }
        return new IOException("cannot " + action + " s3://" + bucket + "/" + prefix + key + ": " + reason, e);
    }

    private static String base64(String hex) {
        return java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** Reads at most {@code limit} bytes of the stream it wraps and leaves the rest for the next part. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the underlying stream stays open for the next part
        }
    }
}
