package com.flashsale.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's docker-compose (1.29, which validates and resolves a compose file without a Docker engine) on the
 * repository's compose files, with exactly the FLASHSALE_* variables given and none inherited.
 */
final class DockerCompose {

    private static final String COMMAND = "docker-compose";

    private DockerCompose() {}

    /** The outcome of one run: its exit code and what it printed (stdout and stderr together). */
    record Run(int exitCode, String output) {}

    static Run run(Map<String, String> variables, List<String> files, String... arguments) {
        List<String> command = new ArrayList<>(List.of(installed()));
        for (String file : files) {
            command.add("-f");
            command.add(file);
        }
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(Manifest.root().toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("FLASHSALE_") || name.startsWith("COMPOSE_"));
        builder.environment().putAll(variables);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(COMMAND + " did not finish within 60 s: " + command);
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** The command's path; a clear failure, never a skip, where it is missing. */
    private static String installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, COMMAND);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(COMMAND + " is not installed: the compose file cannot be validated. As root:"
                + " apt-get install -y docker-compose (.ci/run does it); it needs no Docker engine.");
    }
}
