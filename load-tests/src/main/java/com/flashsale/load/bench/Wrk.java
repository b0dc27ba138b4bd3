package com.flashsale.load.bench;

import com.flashsale.load.StackClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Drives the edge with wrk (a C load generator: on two shared cores a JVM client would take the
 * CPU the edge needs) and one Lua script for every route, so the baseline and the purchases see the
 * same client, threads and connections.
 */
final class Wrk {

    /** The crowd mode's answers per status are counted per 100 ms for this many slices from its first request. */
    static final int TIMELINE_SLICES = 30;

    private final Path workDir;
    private final String baseUrl;
    private final int threads;
    private final int connections;
    private final Path script;
    private final Path runDir;

    /** @param runDir the stack's $FLASHSALE_HOME/run: the CPU time of edge-api and Kafka is read for every run */
    Wrk(Path workDir, String baseUrl, int threads, int connections, Path runDir) throws IOException {
        this.runDir = runDir;
        this.workDir = workDir;
        this.baseUrl = baseUrl;
        this.threads = threads;
        this.connections = connections;
        Files.createDirectories(workDir);
        this.script = workDir.resolve("edge.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/bench/edge.lua")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The wrk on the PATH, or a clear failure. */
    static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (as root: apt-get install -y wrk)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int connections() {
        return connections;
    }

    /** GET {@code path} for {@code duration}. */
    Result get(String path, Duration duration) throws IOException {
        return run(List.of("get", "-", "-", "0", "1"), baseUrl + path, duration);
    }

    /**
     * POSTs purchases for {@code duration}: request indices from {@code first}, wrapped after
     * {@code wrap} indices, over the given tokens and sales.
     */
    Result buy(Path tokens, Path sales, long first, long wrap, Duration duration) throws IOException {
        return run(
                List.of("buy", tokens.toString(), sales.toString(), Long.toString(first), Long.toString(wrap)),
                baseUrl + "/",
                duration);
    }

    /**
     * POSTs purchases of one sale for {@code duration}, each with a token picked at random (a crowd
     * arriving at once: most first requests carry a token the edge has not seen yet); every thread writes
     * the request ids it was answered (202, and 503 naming one) into {@code idsDir}.
     */
    Result crowd(Path tokens, Path sale, long seed, Path idsDir, Duration duration) throws IOException {
        Files.createDirectories(idsDir);
        return run(
                List.of("rand", tokens.toString(), sale.toString(), Long.toString(seed), idsDir.toString()),
                baseUrl + "/",
                duration);
    }

    /** The stack's run directory (its PID files). */
    Path runDir() {
        return runDir;
    }

    Path writeTokens(String name, List<StackClient.Shopper> shoppers) throws IOException {
        Path file = workDir.resolve(name);
        Files.write(file, shoppers.stream().map(StackClient.Shopper::token).toList(), StandardCharsets.UTF_8);
        return file;
    }

    Path writeSales(String name, Collection<UUID> sales) throws IOException {
        Path file = workDir.resolve(name);
        Files.write(file, sales.stream().map(UUID::toString).toList(), StandardCharsets.UTF_8);
        return file;
    }

    private Result run(List<String> scriptArgs, String url, Duration duration) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                url,
                "--"));
        command.addAll(scriptArgs);
        command.add(Integer.toString(threads));
        long edgeBefore = CpuTicks.of(runDir, "edge-api");
        long kafkaBefore = CpuTicks.of(runDir, "kafka");
        long processorBefore = CpuTicks.of(runDir, "order-processor");
        long[] machineBefore = CpuTicks.machine();
        OpeningCpu opening = OpeningCpu.start(runDir, 20);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        opening.close();
        try {
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        long edgeTicks = CpuTicks.of(runDir, "edge-api") - edgeBefore;
        long kafkaTicks = CpuTicks.of(runDir, "kafka") - kafkaBefore;
        long processorTicks = CpuTicks.of(runDir, "order-processor") - processorBefore;
        long[] machineAfter = CpuTicks.machine();
        double machineBusy = CpuTicks.busyShare(machineBefore, machineAfter);
        String line = output.lines()
                .filter(l -> l.startsWith("WRK "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no result: " + output));
        JsonNode json = StackClient.JSON.readTree(line.substring(4));
        Map<Integer, Long> statuses = new TreeMap<>();
        json.get("statuses")
                .properties()
                .forEach(e ->
                        statuses.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
        Map<Integer, long[]> timeline = new TreeMap<>();
        JsonNode slices = json.get("timeline");
        if (slices != null) {
            slices.properties().forEach(e -> {
                String[] key = e.getKey().split("_");
                timeline.computeIfAbsent(Integer.parseInt(key[0]), k -> new long[TIMELINE_SLICES])[
                                Integer.parseInt(key[1])] =
                        e.getValue().asLong();
            });
        }
        return new Result(
                json.get("requests").asLong(),
                json.get("durationUs").asLong() / 1e6,
                json.get("p50Us").asLong() / 1000.0,
                json.get("p99Us").asLong() / 1000.0,
                json.get("maxUs").asLong() / 1000.0,
                json.get("connectErrors").asLong()
                        + json.get("readErrors").asLong()
                        + json.get("writeErrors").asLong()
                        + json.get("timeouts").asLong(),
                json.get("minLastIndex").asLong(),
                statuses,
                edgeTicks,
                kafkaTicks,
                processorTicks,
                machineBusy,
                timeline,
                opening.lines());
    }

    /**
     * One wrk run: answers per second, latency percentiles and maximum (ms) over all answers, answers by status,
     * and the lowest last request index any thread reached (every index below it was sent); the CPU of the
     * stack's processes per 100 ms from wrk's start ({@link OpeningCpu}).
     */
    record Result(
            long requests,
            double seconds,
            double p50Ms,
            double p99Ms,
            double maxMs,
            long socketErrors,
            long minLastIndex,
            Map<Integer, Long> statuses,
            long edgeTicks,
            long kafkaTicks,
            long processorTicks,
            double machineBusy,
            Map<Integer, long[]> timeline,
            List<String> openingCpu) {

        /** CPU time edge-api spent per answer, in microseconds (a figure less sensitive to a busy machine). */
        double edgeMicrosPerAnswer() {
            return requests == 0 ? 0 : edgeTicks * 10_000.0 / requests;
        }

        /** CPU time the Kafka broker spent per answer, in microseconds. */
        double kafkaMicrosPerAnswer() {
            return requests == 0 ? 0 : kafkaTicks * 10_000.0 / requests;
        }

        double perSecond() {
            return requests / seconds;
        }

        /**
         * The opening of a crowd run, one line per status: its answers in each 100 ms from the first request
         * ("202   12 340 ..."), for the first {@code slices} slices; empty when wrk counted none (not a crowd run).
         */
        List<String> opening(int slices) {
            List<String> lines = new ArrayList<>();
            timeline.forEach((status, counts) -> {
                StringBuilder line = new StringBuilder(String.format("%d ", status));
                for (int i = 0; i < Math.min(slices, counts.length); i++) {
                    line.append(String.format(" %5d", counts[i]));
                }
                lines.add(line.toString());
            });
            return lines;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        /** Answers of the status per second. */
        double perSecond(int status) {
            return count(status) / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "%,.0f/s (%,d in %.1f s), p50 %.2f ms, p99 %.2f ms, statuses %s, socket errors %d; CPU per answer:"
                            + " edge-api %.0f us, Kafka %.0f us, order-processor %.0f us; all cores %.0f%% busy",
                    perSecond(),
                    requests,
                    seconds,
                    p50Ms,
                    p99Ms,
                    statuses,
                    socketErrors,
                    edgeMicrosPerAnswer(),
                    kafkaMicrosPerAnswer(),
                    requests == 0 ? 0 : processorTicks * 10_000.0 / requests,
                    100 * machineBusy);
        }
    }
}
