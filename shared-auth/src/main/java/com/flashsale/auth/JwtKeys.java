package com.flashsale.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA key material for RS256 tokens in PEM files: {@code private.pem} (PKCS#8) and
 * {@code public.pem} (X.509) in one directory. The issuer may generate them on first start.
 */
public final class JwtKeys {

    public static final String PRIVATE_KEY_FILE = "private.pem";
    public static final String PUBLIC_KEY_FILE = "public.pem";

    private JwtKeys() {}

    /** Loads the key pair from {@code dir}, generating and storing a new 2048-bit pair if absent. */
    public static KeyPair loadOrGenerate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
                Files.createDirectories(dir);
                KeyPair generated = generate();
                // Written to temp files then moved, so a concurrent reader never sees half a key.
                writeAtomically(
                        privateFile, pem("PRIVATE KEY", generated.getPrivate().getEncoded()));
                writeAtomically(
                        publicFile, pem("PUBLIC KEY", generated.getPublic().getEncoded()));
            }
            return new KeyPair(readPublicKey(publicFile), readPrivateKey(privateFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write JWT keys in " + dir, e);
        }
    }

    /** A fresh RSA-2048 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    public static PublicKey readPublicKey(Path file) {
        try {
            byte[] der = der(Files.readString(file, StandardCharsets.US_ASCII));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT public key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an RSA public key in PEM form: " + file, e);
        }
    }

    public static PrivateKey readPrivateKey(Path file) {
        try {
            byte[] der = der(Files.readString(file, StandardCharsets.US_ASCII));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT private key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an RSA PKCS#8 private key in PEM form: " + file, e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
