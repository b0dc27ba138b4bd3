package com.flashsale.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much of the machine's CPU went to processes other than the benchmark's own (its stack, its
 * PostgreSQL backends, this JVM and the wrk it ran) while a phase ran: on a shared machine a figure
 * means little without it. Samples /proc twice a second; per-PID deltas survive restarts.
 */
final class MachineLoad implements AutoCloseable {

    private final Path runDir;
    private final List<String> components;
    private final Map<Long, Long> lastCpu = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long ours;
    private boolean primed;
    private long lastBusy = -1;
    private long busy;
    private final long self = ProcessHandle.current().pid();

    MachineLoad(Path runDir, List<String> components) {
        this.runDir = runDir;
        this.components = components;
        sample();
        thread = new Thread(
                () -> {
                    while (running) {
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                        sample();
                    }
                },
                "machine-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** A point in time: the machine's busy jiffies and the benchmark's own, both cumulative. */
    record Mark(long busy, long ours, long nanos) {}

    synchronized Mark mark() {
        sample();
        return new Mark(busy, ours, System.nanoTime());
    }

    /** Share of the machine's CPU (all cores) used by other processes between two marks, in percent. */
    static double foreignPercent(Mark from, Mark to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        long foreign = (to.busy() - from.busy()) - (to.ours() - from.ours());
        double capacity = seconds * 100 * Runtime.getRuntime().availableProcessors();
        return capacity <= 0 ? 0 : Math.max(0, 100.0 * foreign / capacity);
    }

    private synchronized void sample() {
        long total = machineBusy();
        if (total < 0) {
            return;
        }
        if (lastBusy >= 0) {
            busy += total - lastBusy;
        }
        lastBusy = total;
        for (long pid : ourPids()) {
            long cpu = cpuOf(pid, pid == self);
            if (cpu < 0) {
                continue;
            }
            Long before = lastCpu.put(pid, cpu);
            if (before != null && cpu >= before) {
                ours += cpu - before;
            } else if (before == null && primed) {
                // Started since the last sample (a component restarted by the benchmark): all of it is ours.
                ours += cpu;
            }
        }
        primed = true;
    }

    private List<Long> ourPids() {
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(self);
        for (String component : components) {
            try {
                pids.add(Long.parseLong(
                        Files.readString(runDir.resolve(component + ".pid")).trim()));
            } catch (IOException | NumberFormatException e) {
                // not running now
            }
        }
        // The machine's PostgreSQL server: its backends serve the benchmark's database.
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            String cmd = Files.readString(p.resolve("cmdline"));
                            return cmd.startsWith("postgres: 15/main") || cmd.startsWith("/usr/lib/postgresql/");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(p -> pids.add(Long.parseLong(p.getFileName().toString())));
        } catch (IOException e) {
            // no /proc
        }
        return pids;
    }

    /** utime + stime (+ waited-for children for this JVM: wrk) in clock ticks, or -1. */
    private static long cpuOf(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                cpu += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return cpu;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy clock ticks of all CPUs since boot (user, nice, system, irq, softirq, steal). */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7])
                    + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
