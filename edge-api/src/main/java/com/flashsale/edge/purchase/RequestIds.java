package com.flashsale.edge.purchase;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Request ids that any edge instance can derive and check without shared state. The high half is
 * a hash of the shopper and their idempotency key, so a retry gets the same id everywhere; the low
 * half is an HMAC of the high half and the shopper, so an instance can tell a request's owner from
 * its id alone. Laid out as a version-8 (custom) UUID.
 *
 * <p>This runs once per purchase request on the hot path: the MAC and the digest are kept per
 * thread ({@code Mac.getInstance} and {@code init} cost more than the hashing itself).
 */
public final class RequestIds {

    private static final String HMAC = "HmacSHA256";

    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    public RequestIds(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the request-id secret needs at least 16 bytes");
        }
        SecretKeySpec key = new SecretKeySpec(secret, HMAC);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(HMAC + " is not available", e);
            }
        });
    }

    /** The request id of {@code userId}'s purchase under {@code idempotencyKey}. */
    public UUID derive(UUID userId, String idempotencyKey) {
        MessageDigest sha256 = digests.get();
        byte[] hash = sha256.digest(("request:" + userId + ':' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        long high = withVersion8(ByteBuffer.wrap(hash, 0, 8).getLong());
        return new UUID(high, signature(high, userId));
    }

    /**
     * A new request id for a request without an idempotency key: nothing can ask for it again, so
     * its high half is random (no hash to compute); it is still signed for its owner.
     */
    public UUID fresh(UUID userId) {
        long high = withVersion8(ThreadLocalRandom.current().nextLong());
        return new UUID(high, signature(high, userId));
    }

    /** Whether {@code requestId} was derived for {@code userId}. */
    public boolean isOwnedBy(UUID requestId, UUID userId) {
        return requestId.version() == 8
                && MessageDigest.isEqual(
                        longBytes(requestId.getLeastSignificantBits()),
                        longBytes(signature(requestId.getMostSignificantBits(), userId)));
    }

    private long signature(long high, UUID userId) {
        Mac mac = macs.get(); // doFinal resets it for the next use
        mac.update(longBytes(high));
        mac.update(userId.toString().getBytes(StandardCharsets.US_ASCII));
        long low = ByteBuffer.wrap(mac.doFinal(), 0, 8).getLong();
        return (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant bits
    }

    private static long withVersion8(long high) {
        return (high & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000008000L;
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
