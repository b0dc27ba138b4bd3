package com.flashsale.load.bench;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.LocalStack;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The benchmark's stack, driven through the launcher's Java API: the environment this JVM got from
 * {@code ./flashsale bench} (FLASHSALE_HOME, ports, FLASHSALE_DB_URL) names that stack, and what the
 * launcher says goes to a log.
 */
final class Launcher {

    private final LocalStack stack;
    private final Path log;

    Launcher(Path log) {
        this.log = log;
        try {
            PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
            this.stack = LocalStack.fromEnvironment().withConsole(new Console(out, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + log, e);
        }
    }

    /** Starts the components (builds and waits for health as {@code ./flashsale up} does). */
    void up(String... components) {
        run(() -> stack.up(components));
    }

    /** Stops the components as {@code ./flashsale down} does. */
    void down(String... components) {
        run(() -> stack.down(components));
    }

    private void run(Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the launcher failed: " + e.getMessage() + "; see " + log, e);
        }
    }
}
