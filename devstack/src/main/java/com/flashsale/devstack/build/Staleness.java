package com.flashsale.devstack.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What must be rebuilt before a start: a module whose jar is missing or older than its sources, the
 * shared modules' sources or a pom; the frontend when a file of it is newer than its built pages.
 */
public final class Staleness {

    /** Modules every service is built from besides its own. */
    static final List<String> SHARED_MODULES = List.of("contracts", "shared-auth", "shared-web", "orders-schema");

    /** Under frontend/: dependencies, build output, tests and what the build or the checks write. */
    private static final Set<String> FRONTEND_PRUNED =
            Set.of("node_modules", "out", ".next", "tests", "test-results", "playwright-report", "coverage");

    private final Path root;

    public Staleness(Path root) {
        this.root = root;
    }

    /** The jar a module's build leaves. */
    public Path artifact(String module) {
        return module.equals("devstack")
                ? root.resolve("devstack/target/devstack.jar")
                : root.resolve(module + "/target/" + module + ".jar");
    }

    public boolean moduleStale(String module) {
        Path artifact = artifact(module);
        if (!Files.isRegularFile(artifact)) {
            return true;
        }
        if (module.equals("devstack") && !Files.isDirectory(root.resolve("devstack/target/kafka-lib"))) {
            return true;
        }
        List<Path> inputs = new ArrayList<>(List.of(
                root.resolve(module + "/src/main"), root.resolve(module + "/pom.xml"), root.resolve("pom.xml")));
        for (String shared : SHARED_MODULES) {
            inputs.add(root.resolve(shared + "/src/main"));
            inputs.add(root.resolve(shared + "/pom.xml"));
        }
        FileTime built = modified(artifact);
        for (Path input : inputs) {
            if (anyNewer(input, built, Set.of())) {
                return true;
            }
        }
        return false;
    }

    /** The stamp of the frontend build: its index page. */
    public Path frontendStamp() {
        return root.resolve("frontend/out/index.html");
    }

    public boolean frontendStale() {
        Path stamp = frontendStamp();
        return !Files.isRegularFile(stamp) || anyNewer(root.resolve("frontend"), modified(stamp), FRONTEND_PRUNED);
    }

    private static boolean anyNewer(Path start, FileTime than, Set<String> pruned) {
        if (!Files.exists(start)) {
            return false;
        }
        boolean[] found = {false};
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(start)
                                    && pruned.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    boolean written = name.endsWith(".tsbuildinfo") || name.equals("next-env.d.ts");
                    boolean skipped = !pruned.isEmpty() && (written || pruned.contains(name));
                    if (attrs.isRegularFile()
                            && !skipped
                            && attrs.lastModifiedTime().compareTo(than) > 0) {
                        found[0] = true;
                        return FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found[0];
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
