package com.flashsale.devstack.build;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.process.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds what is stale before a start: Maven modules (package, no tests) and the frontend's pages. */
public final class Builds {

    private final Path root;
    private final Path logDir;
    private final Map<String, String> environment;
    private final Console console;
    private final Staleness staleness;

    public Builds(Path root, Path logDir, Map<String, String> environment, Console console) {
        this.root = root;
        this.logDir = logDir;
        this.environment = environment;
        this.console = console;
        this.staleness = new Staleness(root);
    }

    public Staleness staleness() {
        return staleness;
    }

    /** Builds the stale ones of these modules in one reactor (with what they need, -am). */
    public void modules(List<String> modules) {
        List<String> stale =
                modules.stream().distinct().filter(staleness::moduleStale).toList();
        if (stale.isEmpty()) {
            return;
        }
        new Tools(environment).requireMaven();
        Path log = logDir.resolve("build.log");
        long start = System.nanoTime();
        String list = String.join(",", stale);
        console.begin("maven");
        console.print("building " + list + " (mvn -DskipTests package) ...");
        int code = run(
                root,
                log,
                List.of(
                        "mvn",
                        "-B",
                        "-q",
                        "-ntp",
                        "-Dstyle.color=never",
                        "-DskipTests",
                        "-pl",
                        list,
                        "-am",
                        "package"));
        if (code != 0) {
            console.print(" failed\n");
            console.tail(log, 40);
            throw new StackException("the Maven build failed; see " + log);
        }
        for (String module : stale) {
            touch(staleness.artifact(module));
        }
        console.print(" done (" + Console.since(start) + " s)\n");
    }

    /** npm ci (when needed) and npm run build, when the frontend's sources are newer than its pages. */
    public void frontend() {
        if (!Files.isRegularFile(root.resolve("frontend/package.json"))) {
            console.warn("frontend/package.json is missing: edge-api will serve no web UI");
            return;
        }
        if (!staleness.frontendStale()) {
            return;
        }
        new Tools(environment).requireNode();
        Path log = logDir.resolve("frontend-build.log");
        long start = System.nanoTime();
        console.begin("frontend");
        console.print("building frontend/out (npm ci, npm run build) ...");
        Path dir = root.resolve("frontend");
        try {
            Files.writeString(log, "");
        } catch (IOException e) {
            throw new StackException("cannot write " + log + ": " + e.getMessage());
        }
        boolean ok = true;
        if (npmInstallNeeded(dir)) {
            ok = run(dir, log, List.of("npm", "ci", "--no-audit", "--no-fund"), true) == 0;
        }
        if (ok) {
            ok = run(dir, log, List.of("npm", "run", "build"), true) == 0;
        }
        if (!ok) {
            console.print(" failed\n");
            console.tail(log, 40);
            throw new StackException("the frontend build failed; see " + log);
        }
        touch(staleness.frontendStamp());
        console.print(" done (" + Console.since(start) + " s)\n");
    }

    /** npm ci when node_modules is missing or older than the lock file. */
    static boolean npmInstallNeeded(Path frontend) {
        Path installed = frontend.resolve("node_modules/.package-lock.json");
        Path lock = frontend.resolve("package-lock.json");
        try {
            return !Files.isRegularFile(installed)
                    || (Files.isRegularFile(lock)
                            && Files.getLastModifiedTime(lock).compareTo(Files.getLastModifiedTime(installed)) > 0);
        } catch (IOException e) {
            return true;
        }
    }

    private int run(Path dir, Path log, List<String> command) {
        return run(dir, log, command, false);
    }

    private int run(Path dir, Path log, List<String> command, boolean append) {
        return Commands.run(
                dir,
                environment,
                command,
                append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // the next start rebuilds once more: harmless
        }
    }
}
