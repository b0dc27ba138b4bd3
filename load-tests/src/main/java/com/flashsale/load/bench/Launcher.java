package com.flashsale.load.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's launcher, run for the benchmark's stack: the environment this JVM got from
 * {@code ./flashsale bench} (FLASHSALE_HOME, ports, FLASHSALE_DB_URL) names that stack.
 */
final class Launcher {

    private final Path script;
    private final Path log;

    Launcher(Path script, Path log) {
        this.script = script;
        this.log = log;
    }

    /** Runs {@code ./flashsale args...}, output appended to the log; fails when it fails. */
    void run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "./flashsale " + String.join(" ", args) + " did not finish; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "./flashsale " + String.join(" ", args) + " exited " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
