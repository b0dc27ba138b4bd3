package com.flashsale.devstack.process;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes of one stack home: started in their own session with a PID file and a log, found
 * again by PID file and command-line marker (a reused PID is never mistaken for ours), and stopped
 * with a signal and a bound after which they are killed.
 */
public final class Supervisor {

    private final Path home;
    private final Console console;

    public Supervisor(Path home, Console console) {
        this.home = home;
        this.console = console;
    }

    /** Every process we start carries this, so a reused PID is never mistaken for ours. */
    public String homeMarker() {
        return "-Dflashsale.launcher.home=" + home;
    }

    /**
     * Starts a command in its own session (Ctrl-C on the launcher leaves it alone), stdin closed,
     * output to the log (the previous log kept as {@code .1}), its PID in the PID file.
     */
    public long spawn(Path pidFile, Path log, List<String> command, Map<String, String> environment) {
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> full = new ArrayList<>();
            full.add("setsid");
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(new File("/dev/null"));
            builder.environment().clear();
            builder.environment().putAll(environment);
            long pid = builder.start().pid();
            Files.writeString(pidFile, pid + "\n");
            return pid;
        } catch (IOException e) {
            throw new StackException("cannot start " + command.get(0) + ": " + e.getMessage());
        }
    }

    /** The PID of a live process of ours (PID file, alive, both markers on its command line). */
    public OptionalLong runningPid(Path pidFile, String mainMarker) {
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty() || !alive(pid.getAsLong())) {
            return OptionalLong.empty();
        }
        String cmdline = cmdline(pid.getAsLong());
        return cmdline.contains(homeMarker() + " ") && cmdline.contains(mainMarker) ? pid : OptionalLong.empty();
    }

    /** The postmaster that our embedded PostgreSQL started (it outlives a killed holder JVM). */
    public OptionalLong postmasterPid(Path dataDir) {
        OptionalLong pid = readPid(dataDir.resolve("postmaster.pid"));
        if (pid.isEmpty() || !alive(pid.getAsLong())) {
            return OptionalLong.empty();
        }
        String cmdline = cmdline(pid.getAsLong());
        int at = cmdline.indexOf("postgres");
        return at >= 0 && cmdline.indexOf(dataDir.toString(), at) >= 0 ? pid : OptionalLong.empty();
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Sends a signal (KILL, TERM, INT, STOP, CONT, ...); false when the process is gone. */
    public static boolean signal(long pid, String signal) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (signal.equals("KILL")) {
            return handle.get().destroyForcibly();
        }
        if (signal.equals("TERM")) {
            return handle.get().destroy();
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends a signal, waits up to the bound, then SIGKILL. Quiet if the process is already gone. */
    public void terminate(long pid, String signal, Duration bound) {
        if (signal(pid, signal)) {
            awaitExit(pid, bound);
        }
    }

    /** Waits until the process is gone; after the bound it is killed (with a warning). */
    public void awaitExit(long pid, Duration bound) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + bound.toNanos();
        while (handle.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                console.warn("pid " + pid + " did not stop within " + bound.toSeconds() + " s: killing it");
                handle.get().destroyForcibly();
                waitFor(handle.get(), Duration.ofMillis(200));
                return;
            }
            waitFor(handle.get(), Duration.ofMillis(100));
        }
    }

    /** Waits for the process to end, at most the given time; true if it ended. */
    public static boolean waitFor(ProcessHandle handle, Duration atMost) {
        try {
            handle.onExit().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", 130);
        }
    }

    /** Resident memory of a process in kB (VmRSS), 0 when it is gone. */
    public static long rssKb(long pid) {
        return procField(pid, "status", "VmRSS:").orElse(0);
    }

    /**
     * PostgreSQL's processes share its buffers: summing their RSS would count them once per backend.
     * The proportional set size (Pss) of the postmaster and its children counts shared pages once.
     */
    public static long postgresTreeKb(long postmaster) {
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(h -> h.children().forEach(c -> pids.add(c.pid())));
        long total = 0;
        for (long pid : pids) {
            OptionalLong pss = procField(pid, "smaps_rollup", "Pss:");
            total += pss.isPresent() ? pss.getAsLong() : rssKb(pid);
        }
        return total;
    }

    private static OptionalLong procField(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(
                            Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
        }
        return OptionalLong.empty();
    }

    /** The number in a PID file, if there is one. */
    public static OptionalLong readPidFile(Path pidFile) {
        return readPid(pidFile);
    }

    static OptionalLong readPid(Path pidFile) {
        try {
            String text =
                    Files.readString(pidFile).lines().findFirst().orElse("").trim();
            return text.matches("[0-9]+") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static String cmdline(long pid) {
        try {
            return new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
