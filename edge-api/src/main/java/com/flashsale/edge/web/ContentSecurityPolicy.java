package com.flashsale.edge.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Content-Security-Policy of the web UI: scripts only from this origin, plus the inline scripts
 * of the built pages, each allowed by its SHA-256 hash (a static export has no per-request nonce).
 * No 'unsafe-inline', no 'unsafe-eval'.
 */
final class ContentSecurityPolicy {

    // Next.js writes its bootstrap data as inline <script> elements without src; those need hashes.
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private static final String COMMON =
            "default-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self';"
                    + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI styles its elements inline; only its own pages get that. */
    static final String DOCS = COMMON + "; script-src 'self'; style-src 'self' 'unsafe-inline'";

    private ContentSecurityPolicy() {}

    /** The policy for the pages built into {@code staticDir} (every *.html under it). */
    static String forPages(Path staticDir) {
        Set<String> hashes = new TreeSet<>();
        if (Files.isDirectory(staticDir)) {
            try (Stream<Path> files = Files.walk(staticDir)) {
                files.filter(f -> f.toString().endsWith(".html")).forEach(f -> hashes.addAll(inlineScriptHashes(f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the web UI's pages in " + staticDir, e);
            }
        }
        StringBuilder scripts = new StringBuilder("script-src 'self'");
        hashes.forEach(hash -> scripts.append(" '").append(hash).append('\''));
        return COMMON + "; " + scripts + "; style-src 'self'";
    }

    static Set<String> inlineScriptHashes(Path page) {
        try {
            return inlineScriptHashes(Files.readString(page, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + page, e);
        }
    }

    /** The CSP source expressions ({@code sha256-...}) of every inline script of one page. */
    static Set<String> inlineScriptHashes(String html) {
        Set<String> hashes = new TreeSet<>();
        Matcher scripts = INLINE_SCRIPT.matcher(html);
        while (scripts.find()) {
            if (!scripts.group(1).isEmpty()) {
                hashes.add("sha256-" + sha256(scripts.group(1)));
            }
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
