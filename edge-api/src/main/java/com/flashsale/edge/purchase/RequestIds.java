package com.flashsale.edge.purchase;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Request ids that any edge instance can derive and check without shared state. The high half is
 * a hash of the shopper and their idempotency key, so a retry gets the same id everywhere; the low
 * half is an HMAC of the high half and the shopper, so an instance can tell a request's owner from
 * its id alone. Laid out as a version-8 (custom) UUID.
 */
public final class RequestIds {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec secret;

    public RequestIds(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the request-id secret needs at least 16 bytes");
        }
        this.secret = new SecretKeySpec(secret, HMAC);
    }

    /** The request id of {@code userId}'s purchase under {@code idempotencyKey}. */
    public UUID derive(UUID userId, String idempotencyKey) {
        long high = withVersion8(firstLong(sha256("request:" + userId + ':' + idempotencyKey)));
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
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(secret);
            mac.update(longBytes(high));
            mac.update(userId.toString().getBytes(StandardCharsets.US_ASCII));
            long low = firstLong(mac.doFinal());
            return (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant bits
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    private static long withVersion8(long high) {
        return (high & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000008000L;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static long firstLong(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, 8).getLong();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
