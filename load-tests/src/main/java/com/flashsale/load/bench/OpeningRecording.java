package com.flashsale.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java Flight Recording of the opening of a burst, in the stack's running services, when
 * {@code FLASHSALE_BENCH_JFR} names the seconds to record ({@code jcmd <pid> JFR.start settings=profile
 * duration=...}: the recording ends and is written by itself). Read one with {@code jfr view hot-methods
 * <file>} (JDK 21 or newer) or {@code jfr print --events jdk.ExecutionSample <file>}.
 */
final class OpeningRecording {

    private OpeningRecording() {}

    /** Starts a recording of {@code seconds} in each of {@code components}; the files it will write. */
    static List<Path> start(Path runDir, Path dir, String label, int seconds, List<String> components) {
        List<Path> files = new ArrayList<>();
        if (seconds <= 0) {
            return files;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (String component : components) {
            try {
                String pid =
                        Files.readString(runDir.resolve(component + ".pid")).trim();
                Path file = dir.resolve("opening-" + label + "-" + component + ".jfr")
                        .toAbsolutePath();
                Files.createDirectories(dir);
                Process p = new ProcessBuilder(
                                jcmd.toString(),
                                pid,
                                "JFR.start",
                                "name=opening-" + label,
                                "settings=profile",
                                "duration=" + seconds + "s",
                                "filename=" + file)
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    files.add(file);
                }
            } catch (IOException e) {
                // no recording of this one: the bench goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return files;
            }
        }
        return files;
    }

    /** The seconds to record from the environment, 0 when not asked for. */
    static int seconds() {
        String value = System.getenv("FLASHSALE_BENCH_JFR");
        try {
            return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
