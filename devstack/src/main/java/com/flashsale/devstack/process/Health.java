package com.flashsale.devstack.process;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.StackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether a component is ready, and the wait for it: a dot per second until its check passes, a
 * clear line when its process dies or the time runs out.
 */
public final class Health {

    private final Console console;
    private final Duration timeout;

    public Health(Console console, Duration timeout) {
        this.console = console;
        this.timeout = timeout;
    }

    /** Whether the service on the port answers {@code /actuator/health} with 200 and status UP. */
    /**
     * The body of a {@code GET path} on a local port answered 200 within two seconds, or empty (not
     * listening, another status, too slow).
     */
    public static java.util.Optional<String> text(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream request = socket.getOutputStream();
            request.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            String answer = new String(socket.getInputStream().readNBytes(256 * 1024), StandardCharsets.UTF_8);
            int body = answer.indexOf("\r\n\r\n");
            if (!answer.matches("(?s)HTTP/1\\.. 200.*") || body < 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(answer.substring(body + 4));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    public static boolean up(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream request = socket.getOutputStream();
            request.write(
                    "GET /actuator/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            String answer = new String(response.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            return answer.matches("(?s)HTTP/1\\.. 200.*") && answer.contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a log holds a line that starts with the text (the PostgreSQL holder's "ready" line). */
    public static boolean logSays(Path log, String start) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.startsWith(start));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Prints the component's line and a dot per second until the check passes, polling four times a
     * second; fails with the log's last lines if the process exits, or after the timeout.
     */
    public void await(String name, long pid, String what, BooleanSupplier check, List<Path> logs, Path pidFile) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        console.begin(name);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        int polls = 0;
        while (!check.getAsBoolean()) {
            if (handle.isEmpty() || !handle.get().isAlive()) {
                console.print(" exited\n");
                console.showLogTail(logs);
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    // the failure below is what matters
                }
                throw new StackException(name + " exited during start; see " + logs.get(0));
            }
            if (System.nanoTime() > deadline) {
                console.print(" timeout\n");
                throw new StackException(
                        name + " did not become " + what + " within " + timeout.toSeconds() + " s; see " + logs.get(0));
            }
            if (polls++ % 4 == 0) {
                console.print(".");
            }
            // Waiting on the process's exit wakes up at once if it dies.
            Supervisor.waitFor(handle.get(), Duration.ofMillis(250));
        }
        console.print(" " + what + " (" + Console.since(start) + " s)\n");
    }
}
