package com.flashsale.catalog.security;

import java.nio.file.Path;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** catalog-service does not start without a signing key outside the local profile. */
public class MissingSigningKey extends IllegalStateException {

    final transient Path dir;

    public MissingSigningKey(Path dir) {
        super("No JWT signing key (signing-<kid>.pem) in " + dir.toAbsolutePath());
        this.dir = dir;
    }

    /** Says so in two lines instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<MissingSigningKey> {
        @Override
        protected FailureAnalysis analyze(Throwable root, MissingSigningKey cause) {
            return new FailureAnalysis(
                    cause.getMessage() + ". Keys are generated only in the local profile.",
                    "Put an RSA private key (PKCS#8 PEM) named signing-<yyyyMMddTHHmmssZ>-<hex>.pem in"
                            + " flashsale.jwt.key-dir (FLASHSALE_JWT_KEY_DIR), e.g. openssl genpkey -algorithm RSA"
                            + " -pkeyopt rsa_keygen_bits:2048 -out signing-$(date -u +%Y%m%dT%H%M%SZ)-0001.pem,"
                            + " or run with SPRING_PROFILES_ACTIVE=local on a development machine.",
                    cause);
        }
    }
}
