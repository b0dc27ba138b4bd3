package com.flashsale.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the resident memory of the stack's processes (PIDs from $FLASHSALE_HOME/run/*.pid, read
 * again at every sample: a restarted process gets a new PID) a few times a second, and keeps the
 * peak VmRSS seen and the kernel's own high-water mark VmHWM of the last PID.
 */
final class RssSampler implements AutoCloseable {

    private final Path runDir;
    private final List<String> components;
    private final long periodMillis;
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
    private final Map<String, Long> hwmKb = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(Path runDir, List<String> components, long periodMillis) {
        this.runDir = runDir;
        this.components = components;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::loop, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        for (String component : components) {
            Long pid = pidOf(component);
            if (pid == null) {
                continue;
            }
            Map<String, Long> status = status(pid);
            Long rss = status.get("VmRSS");
            if (rss != null) {
                peakRssKb.merge(component, rss, Math::max);
            }
            Long hwm = status.get("VmHWM");
            if (hwm != null) {
                hwmKb.put(component, hwm);
            }
        }
    }

    private Long pidOf(String component) {
        try {
            return Long.parseLong(
                    Files.readString(runDir.resolve(component + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    static Map<String, Long> status(long pid) {
        Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    values.put(line.substring(0, 5), Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone between two samples
        }
        return values;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** Peak VmRSS sampled while this sampler ran, in MB, per component. */
    Map<String, Long> peakRssMb() {
        Map<String, Long> mb = new LinkedHashMap<>();
        components.forEach(c -> mb.put(c, peakRssKb.containsKey(c) ? peakRssKb.get(c) / 1024 : null));
        return mb;
    }

    /** VmHWM (peak resident memory since the process started), in MB, per component. */
    Map<String, Long> highWaterMb() {
        Map<String, Long> mb = new LinkedHashMap<>();
        components.forEach(c -> mb.put(c, hwmKb.containsKey(c) ? hwmKb.get(c) / 1024 : null));
        return mb;
    }
}
