package com.flashsale.auth;

import java.security.PublicKey;
import java.util.Map;
import java.util.Set;

/**
 * The public keys a verifier accepts now, by kid. Replaced as a whole when the issuer's key set
 * changes (a JWKS refresh at the edge, a rescan of the key directory at the issuer).
 */
public final class TrustedKeys {

    private volatile Map<String, PublicKey> byKid;

    public TrustedKeys(Map<String, PublicKey> byKid) {
        this.byKid = Map.copyOf(byKid);
    }

    public PublicKey find(String kid) {
        return kid == null ? null : byKid.get(kid);
    }

    public boolean trusts(String kid) {
        return kid != null && byKid.containsKey(kid);
    }

    /** Replaces every key; returns whether the set changed. */
    public boolean replace(Map<String, PublicKey> keys) {
        Map<String, PublicKey> fresh = Map.copyOf(keys);
        boolean changed = !fresh.equals(byKid);
        byKid = fresh;
        return changed;
    }

    public Set<String> kids() {
        return byKid.keySet();
    }
}
