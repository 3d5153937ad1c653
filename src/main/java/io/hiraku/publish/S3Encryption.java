package io.hiraku.publish;

import java.util.Set;

/**
 * The server-side encryption Hiraku asks S3 for on every object it writes ({@code hiraku.s3.sse},
 * {@code hiraku.s3.sse-kms-key-id}): none (the bucket's default encryption applies), {@code AES256} (S3-managed
 * keys), or {@code aws:kms} / {@code aws:kms:dsse} with a KMS key (the bucket's AWS managed key when none is
 * named). Buckets of public bodies often refuse uploads that do not ask for their KMS key; the request has
 * to say it, the bucket default is not enough for such a policy.
 *
 * @param algorithm {@code x-amz-server-side-encryption}, or null for none
 * @param kmsKeyId  {@code x-amz-server-side-encryption-aws-kms-key-id}, or null
 */
public record S3Encryption(String algorithm, String kmsKeyId) {
    public static final S3Encryption NONE = new S3Encryption(null, null);
    private static final Set<String> ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    /** From the settings; blank values mean none. */
    public static S3Encryption of(String algorithm, String kmsKeyId) {
        String a = algorithm == null || algorithm.isBlank() ? null : algorithm.trim();
        String k = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId.trim();
        if (a != null && !ALGORITHMS.contains(a)) {
            throw new IllegalArgumentException("hiraku.s3.sse is '" + algorithm
                    + "': it must be AES256, aws:kms or aws:kms:dsse (or empty for the bucket's default)");
        }
        if (k != null && (a == null || !a.startsWith("aws:kms"))) {
            throw new IllegalArgumentException("hiraku.s3.sse-kms-key-id is set, so hiraku.s3.sse must be aws:kms "
                    + "or aws:kms:dsse, not " + (a == null ? "empty" : "'" + a + "'"));
        }
        return new S3Encryption(a, k);
    }

    /** For the start-up log: the algorithm and key, or the bucket's default. */
    public String describe() {
        return algorithm == null ? "the bucket's default encryption"
                : algorithm + (kmsKeyId == null ? "" : " with key " + kmsKeyId);
    }
}
