package com.flashsale.devstack.build;

import com.flashsale.devstack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The tools a command needs on the PATH (Maven, Node and npm), checked with the words users know. */
public final class Tools {

    private final Map<String, String> environment;

    public Tools(Map<String, String> environment) {
        this.environment = environment;
    }

    public void requireMaven() {
        if (find("mvn").isEmpty()) {
            throw new StackException("mvn not found: install Maven 3.8 or newer (e.g. apt-get install maven)");
        }
    }

    public void requireNode() {
        if (find("node").isEmpty()) {
            throw new StackException("node not found: install Node.js 20 or newer");
        }
        if (find("npm").isEmpty()) {
            throw new StackException("npm not found: install npm (it comes with Node.js 20 or newer)");
        }
        String version = run("node", "-v").trim();
        String major = version.replaceFirst("^v([0-9]+).*", "$1");
        if (!major.matches("[0-9]+") || Integer.parseInt(major) < 20) {
            throw new StackException("Node.js 20 or newer is required (found: " + version + ")");
        }
    }

    /** The executable of that name on the PATH. */
    public Optional<Path> find(String name) {
        for (String dir : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private String run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
