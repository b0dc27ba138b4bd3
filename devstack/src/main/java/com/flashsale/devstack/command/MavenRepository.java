package com.flashsale.devstack.command;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.Folders;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Under CI (or FLASHSALE_ISOLATED_M2=1) every Maven run of the test command, also those of the launcher
 * and the system tests, uses a local repository seeded with the machine's third-party artifacts and none
 * of the project's own (com/flashsale): a step that resolves a module from the local repository instead
 * of the reactor fails here, not only on a machine that never ran {@code mvn install}. Hard links keep
 * the copy cheap.
 */
final class MavenRepository {

    private final Path root;
    private final Map<String, String> environment;
    private final Console console;
    private final Path machine;
    private Path isolated;

    MavenRepository(Path root, Map<String, String> environment, Console console) {
        this.root = root;
        this.environment = environment;
        this.console = console;
        String configured = environment.get("FLASHSALE_MACHINE_M2");
        this.machine = configured == null || configured.isEmpty()
                ? Path.of(System.getProperty("user.home"), ".m2/repository")
                : Path.of(configured);
    }

    /** Seeds the isolated repository and points MAVEN_OPTS of every later Maven run at it. */
    void isolate() {
        isolated = root.resolve("target/ci-m2/repository");
        Folders.delete(root.resolve("target/ci-m2"));
        try {
            Files.createDirectories(isolated);
        } catch (IOException e) {
            throw new com.flashsale.devstack.StackException("cannot create " + isolated);
        }
        if (Files.isDirectory(machine)) {
            if (!copy("-al", machine, isolated)) {
                copy("-a", machine, isolated);
            }
        }
        Folders.delete(isolated.resolve("com/flashsale"));
        String options = environment.getOrDefault("MAVEN_OPTS", "");
        environment.put("MAVEN_OPTS", (options.isEmpty() ? "" : options + " ") + "-Dmaven.repo.local=" + isolated);
        console.say("flashsale test: Maven runs on " + isolated + " (the machine's artifacts without com/flashsale)");
    }

    /**
     * Third-party artifacts downloaded during the run go back to the machine's repository (never the
     * project's own), so that the next run does not download them again.
     */
    void keepDownloadedArtifacts() {
        if (isolated == null || !Files.isDirectory(isolated)) {
            return;
        }
        Folders.delete(isolated.resolve("com/flashsale"));
        try {
            Files.createDirectories(machine);
        } catch (IOException e) {
            return;
        }
        if (!copy("-aln", isolated, machine)) {
            copy("-an", isolated, machine);
        }
        Folders.delete(root.resolve("target/ci-m2"));
    }

    // cp keeps hard links, modes and times as the shell's cp -al/-an does; Java's copy has no hard links.
    private boolean copy(String flags, Path from, Path to) {
        try {
            Process cp = new ProcessBuilder("cp", flags, from + "/.", to + "/")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(new File("/dev/null"))
                    .start();
            return cp.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
