package com.flashsale.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issuer's signing keys: one PKCS#8 PEM file per key in a directory, named
 * {@code signing-<kid>.pem} where the kid begins with the key's creation instant
 * ({@code 20261201T104000Z-3fa2}). The newest key signs; an older one is still published (and so
 * accepted) until {@code grace} after the next key was made, then it is retired. Rotating is adding
 * a file (see {@link #rotate}, or {@code openssl genpkey} in the README); every instance rescans.
 */
public final class KeyRing {

    private static final Pattern FILE = Pattern.compile("signing-((\\d{8}T\\d{6}Z)-[0-9a-f]{4,16})\\.pem");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final List<SigningKey> keys;

    private KeyRing(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The keys in {@code dir}, oldest first; empty when there are none. */
    public static KeyRing load(Path dir) {
        List<SigningKey> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "signing-*.pem")) {
                for (Path file : files) {
                    Matcher name = FILE.matcher(file.getFileName().toString());
                    if (name.matches()) {
                        Instant created = STAMP.parse(name.group(2), Instant::from);
                        found.add(new SigningKey(name.group(1), pairOf(file), created));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWT keys in " + dir, e);
            }
        }
        found.sort(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid));
        return new KeyRing(found);
    }

    /** The keys in {@code dir}, with a first one made now when there is none (the local profile). */
    public static KeyRing loadOrGenerate(Path dir, Instant now) {
        KeyRing ring = load(dir);
        return ring.isEmpty() ? rotate(dir, now) : ring;
    }

    /** Adds a new signing key made at {@code now} to {@code dir}; it signs from now on. */
    public static KeyRing rotate(Path dir, Instant now) {
        KeyRing before = load(dir);
        Instant made = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (!before.isEmpty() && !made.isAfter(before.newest().createdAt())) {
            // Keys are ordered by the second they were made: a new one must come after the newest.
            made = before.newest().createdAt().plusSeconds(1);
        }
        String kid = STAMP.format(made) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
        KeyPair pair = JwtKeys.generate();
        JwtKeys.writePrivateKey(dir.resolve("signing-" + kid + ".pem"), pair.getPrivate());
        return load(dir);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The key that signs at {@code now}: the newest one that has been published for {@code activation}
     * (so every verifier has fetched it before it sees a token it signed), or the oldest while none has.
     */
    public SigningKey signing(Instant now, Duration activation) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no signing key");
        }
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (!keys.get(i).createdAt().plus(activation).isAfter(now)) {
                return keys.get(i);
            }
        }
        return keys.get(0);
    }

    /**
     * The keys a verifier should accept at {@code now}: every key that has not been replaced, and each
     * replaced key until {@code grace} (at least a token's lifetime) after its successor began to sign.
     */
    public List<SigningKey> published(Instant now, Duration activation, Duration grace) {
        List<SigningKey> live = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            boolean newest = i == keys.size() - 1;
            if (newest
                    || now.isBefore(keys.get(i + 1).createdAt().plus(activation).plus(grace))) {
                live.add(keys.get(i));
            }
        }
        return live;
    }

    /** The key made last (it signs once its activation has passed). */
    public SigningKey newest() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no signing key");
        }
        return keys.get(keys.size() - 1);
    }

    /** Every key, oldest first. */
    public List<SigningKey> all() {
        return keys;
    }

    private static KeyPair pairOf(Path file) {
        var privateKey = JwtKeys.readPrivateKey(file);
        try {
            // The public half is in the PKCS#8 key itself (modulus and public exponent).
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (ClassCastException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA private key with its public exponent: " + file, e);
        }
    }
}
