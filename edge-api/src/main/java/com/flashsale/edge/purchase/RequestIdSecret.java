package com.flashsale.edge.purchase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The secret every edge instance shares to derive and sign request ids. A local stack creates it
 * on first start; anywhere else it must be provided (a missing one stops the start).
 */
public final class RequestIdSecret {

    private RequestIdSecret() {}

    public static byte[] read(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("No request-id secret at " + file.toAbsolutePath()
                            + ": provide 32 random bytes there (flashsale.edge.request-id-secret-file), the same"
                            + " file on every edge instance; only the local profile generates one");
                }
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.write(file, fresh, StandardOpenOption.CREATE_NEW);
                } catch (FileAlreadyExistsException raced) {
                    // Another instance created it first: use theirs.
                }
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length < 16) {
                throw new IllegalStateException("The request-id secret " + file + " is shorter than 16 bytes");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the request-id secret " + file, e);
        }
    }
}
