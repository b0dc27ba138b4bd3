package com.flashsale.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the CPU goes in the opening of a burst: every 100 ms, the CPU ticks (1/100 s) of each process
 * of the stack and of the whole machine, and of the services' threads by kind (event loops, first-sight
 * pool, Kafka's clients, the compilers, the GC...), read from /proc while wrk runs.
 */
final class OpeningCpu implements AutoCloseable {

    static final List<String> PROCESSES = List.of("edge-api", "kafka", "order-processor", "catalog-service");
    /** The processes whose threads are also counted by kind. */
    static final List<String> SERVICES = List.of("edge-api", "order-processor", "catalog-service");

    private final Path runDir;
    private final int slices;
    private final Thread sampler;
    private final List<Map<String, Long>> processTicks = new ArrayList<>();
    private final List<long[]> machineTicks = new ArrayList<>();
    private final Map<String, List<Map<String, Long>>> threadTicks = new LinkedHashMap<>();

    private OpeningCpu(Path runDir, int slices) {
        this.runDir = runDir;
        this.slices = slices;
        this.sampler = new Thread(this::sample, "opening-cpu");
        this.sampler.setDaemon(true);
        SERVICES.forEach(service -> threadTicks.put(service, new ArrayList<>()));
    }

    /** Starts sampling now, for {@code slices} slices of 100 ms. */
    static OpeningCpu start(Path runDir, int slices) {
        OpeningCpu cpu = new OpeningCpu(runDir, slices);
        cpu.sampler.start();
        return cpu;
    }

    private void sample() {
        long next = System.nanoTime();
        for (int i = 0; i <= slices && !Thread.currentThread().isInterrupted(); i++) {
            Map<String, Long> processes = new LinkedHashMap<>();
            for (String process : PROCESSES) {
                processes.put(process, CpuTicks.of(runDir, process));
            }
            long[] machine = CpuTicks.machine();
            Map<String, Map<String, Long>> threads = new LinkedHashMap<>();
            SERVICES.forEach(service -> threads.put(service, threadsByKind(service)));
            synchronized (this) {
                processTicks.add(processes);
                machineTicks.add(machine);
                threads.forEach((service, kinds) -> threadTicks.get(service).add(kinds));
            }
            next += 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** utime + stime of each thread of a stack process, summed by the thread's name without its number. */
    private Map<String, Long> threadsByKind(String component) {
        Map<String, Long> byKind = new TreeMap<>();
        try {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", CpuTicks.pid(runDir, component), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        byKind.merge(kind(name), CpuTicks.ofStat(stat), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is not there: nothing to count
        }
        return byKind;
    }

    /** A thread's kind: its name without the instance number ("reactor-http-epoll-2" is "reactor-http-epoll"). */
    static String kind(String threadName) {
        String kind = threadName.replaceAll("[-#_ ]?\\d+$", "");
        return kind.isEmpty() ? threadName : kind;
    }

    /** Stops sampling and returns what was sampled. */
    @Override
    public void close() {
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The opening as lines: CPU ms per 100 ms slice of each process, of the rest of the machine
     * (PostgreSQL, wrk and anything else), and each service's threads by kind over the whole sampled
     * time.
     */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (processTicks.size() < 2) {
            return lines;
        }
        int n = processTicks.size() - 1;
        long[] accounted = new long[n];
        for (String process : PROCESSES) {
            StringBuilder line = new StringBuilder(String.format("%-16s", process));
            for (int i = 0; i < n; i++) {
                long ticks = processTicks.get(i + 1).get(process)
                        - processTicks.get(i).get(process);
                accounted[i] += ticks;
                line.append(String.format(" %4d", ticks * 10));
            }
            lines.add(line.toString());
        }
        StringBuilder rest = new StringBuilder(String.format("%-16s", "rest of machine"));
        for (int i = 0; i < n; i++) {
            long busy = machineTicks.get(i + 1)[0] - machineTicks.get(i)[0];
            rest.append(String.format(" %4d", Math.max(0, busy - accounted[i]) * 10));
        }
        lines.add(rest.toString());
        threadTicks.forEach((service, samples) -> lines.add(threads(service, samples, n)));
        return lines;
    }

    /** The busiest kinds of a process's threads between the first and the n-th sample. */
    private static String threads(String process, List<Map<String, Long>> samples, int n) {
        Map<String, Long> first = samples.get(0);
        List<Map.Entry<String, Long>> kinds = new ArrayList<>();
        samples.get(n).forEach((kind, ticks) -> kinds.add(Map.entry(kind, ticks - first.getOrDefault(kind, 0L))));
        kinds.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        StringBuilder line = new StringBuilder(process + " threads over these " + n * 100 + " ms (CPU ms):");
        kinds.stream()
                .filter(e -> e.getValue() > 0)
                .limit(8)
                .forEach(e -> line.append(String.format(" %s %d;", e.getKey(), e.getValue() * 10)));
        return line.toString();
    }
}
