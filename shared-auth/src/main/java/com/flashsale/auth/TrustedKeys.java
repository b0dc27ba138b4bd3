package com.flashsale.auth;

import java.security.PublicKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public keys a verifier accepts now, by kid. Replaced as a whole when the issuer's key set
 * changes (a JWKS refresh at the edge, a rescan of the key directory at the issuer). A service may
 * also lend itself a key of its own for a while ({@link #lend}), such as the throwaway key its
 * warm-up signs rehearsal tokens with; a replacement of the issuer's keys leaves a lent key alone.
 */
public final class TrustedKeys {

    private volatile Map<String, PublicKey> byKid;
    private final Map<String, PublicKey> lent = new ConcurrentHashMap<>();

    public TrustedKeys(Map<String, PublicKey> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    public PublicKey find(String kid) {
        if (kid == null) {
            return null;
        }
        PublicKey key = byKid.get(kid);
        return key != null || lent.isEmpty() ? key : lent.get(kid);
    }

    public boolean trusts(String kid) {
        return kid != null && (byKid.containsKey(kid) || (!lent.isEmpty() && lent.containsKey(kid)));
    }

    /** Replaces every key of the issuer; returns whether the set changed. Lent keys stay. */
    public boolean replace(Map<String, PublicKey> keys) {
        Map<String, PublicKey> fresh = Map.copyOf(keys);
        boolean changed = !fresh.equals(byKid);
        byKid = fresh;
        return changed;
    }

    /** The issuer's kids (lent keys are not the issuer's). */
    public Set<String> kids() {
        return byKid.keySet();
    }

    /**
     * Trusts {@code key} under {@code kid} until the lease is closed. For a key the service generated
     * in memory and never publishes; a kid the issuer uses cannot be lent.
     */
    public Lease lend(String kid, PublicKey key) {
        if (byKid.containsKey(kid) || lent.putIfAbsent(kid, key) != null) {
            throw new IllegalArgumentException("kid " + kid + " is already trusted");
        }
        return () -> lent.remove(kid, key);
    }

    /** A lent key's time of trust; closing it ends that trust. */
    @FunctionalInterface
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
