package com.flashsale.load.burst;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs {@link PurchaseBurstSimulation} in this JVM (what {@code ./flashsale burst} calls): Gatling's
 * own output goes to a log beside the reports, the burst's summary to standard output. Exits 0 when
 * every invariant holds, 1 when one is broken, 2 when the burst could not run.
 */
public final class BurstMain {

    private BurstMain() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(System.getProperty("burst.results-folder", "target/gatling"));
        BurstRun run = run(results);
        System.exit(run.exitCode());
    }

    /** Runs the simulation, prints its summary and the report's path; the result and an exit code. */
    public static BurstRun run(Path results) throws IOException {
        Files.createDirectories(results);
        Path log = results.resolve("gatling-run.log");
        PrintStream out = System.out;
        PrintStream err = System.err;
        BurstOutput.use(out);
        long started = System.currentTimeMillis();
        int status;
        try (PrintStream chatter = new PrintStream(new FileOutputStream(log.toFile(), false), true)) {
            System.setOut(chatter);
            System.setErr(chatter);
            try {
                // Gatling's Scala object: main() would System.exit, fromArgs returns the status.
                status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", PurchaseBurstSimulation.class.getName(),
                    "--results-folder", results.toString(),
                    "--run-description", "flash-sale purchase burst"
                });
            } catch (RuntimeException | Error e) {
                // Gatling's failures (e.g. before() could not set up) are in its log.
                e.printStackTrace(chatter);
                status = -1;
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
        BurstResult result = PurchaseBurstSimulation.lastResult();
        Optional<Path> report = newestReport(results, started);
        if (report.isPresent()) {
            out.println("Gatling report: " + report.get());
        } else {
            out.println("no Gatling report was written; Gatling's output: " + log);
        }
        if (result == null) {
            Throwable failure = PurchaseBurstSimulation.setupFailure();
            out.println("burst: did not complete (Gatling status " + status + ")"
                    + (failure == null ? "" : ": " + failure.getMessage()) + "; Gatling's output: " + log);
            return new BurstRun(null, report.orElse(null), 2);
        }
        out.println(result.holds() ? "burst: every invariant HOLDS" : "burst: an invariant is BROKEN");
        return new BurstRun(result, report.orElse(null), result.holds() ? 0 : 1);
    }

    private static Optional<Path> newestReport(Path results, long since) throws IOException {
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.map(dir -> dir.resolve("index.html"))
                    .filter(Files::isRegularFile)
                    .filter(index -> index.toFile().lastModified() >= since - 1000)
                    .max(Comparator.comparingLong(index -> index.toFile().lastModified()))
                    .map(Path::toAbsolutePath);
        }
    }

    /** One burst run: its result (null if it did not complete), its report, the exit code. */
    public record BurstRun(BurstResult result, Path report, int exitCode) {}
}
