package com.flashsale.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.StackException;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {

    @TempDir
    Path dir;

    private static HttpServer actuator(int status, AtomicReference<String> body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void aServiceIsUpWhenItsHealthAnswers200WithStatusUp() throws Exception {
        AtomicReference<String> body = new AtomicReference<>("{\"status\":\"UP\"}");
        HttpServer server = actuator(200, body);
        try {
            int port = server.getAddress().getPort();
            assertThat(Health.up(port)).isTrue();
            body.set("{\"status\":\"DOWN\"}");
            assertThat(Health.up(port)).isFalse();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServiceAnswering503IsNotUpAndNeitherIsAClosedPort() throws Exception {
        HttpServer server = actuator(503, new AtomicReference<>("{\"status\":\"UP\"}"));
        int port = server.getAddress().getPort();
        try {
            assertThat(Health.up(port)).isFalse();
        } finally {
            server.stop(0);
        }
        assertThat(Health.up(port)).isFalse();
    }

    @Test
    void aListeningPortIsSeenAndAClosedOneIsNot() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            assertThat(Ports.listening(port)).isTrue();
            assertThat(Ports.reachable("127.0.0.1", port)).isTrue();
        }
        assertThat(Ports.listening(port)).isFalse();
    }

    @Test
    void awaitingAProcessThatDiesFailsWithItsLogTail() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true), new PrintStream(out, true));
        Path log = dir.resolve("svc.log");
        Files.writeString(log, "boom: the port is taken\n");
        Path pidFile = dir.resolve("svc.pid");
        Process process = new ProcessBuilder("true").start();
        Files.writeString(pidFile, process.pid() + "\n");
        process.waitFor();

        assertThatThrownBy(() -> new Health(console, Duration.ofSeconds(30))
                        .await("svc", process.pid(), "healthy", () -> false, List.of(log), pidFile))
                .isInstanceOf(StackException.class)
                .hasMessage("svc exited during start; see " + log);
        assertThat(out.toString())
                .contains("  svc              ")
                .contains(" exited")
                .contains("    boom: the port is taken");
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void awaitingPrintsTheComponentAndHowLongItTook() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true), new PrintStream(out, true));

        new Health(console, Duration.ofSeconds(30))
                .await("kafka", ProcessHandle.current().pid(), "listening", () -> true, List.of(dir.resolve("k")), dir);

        assertThat(out.toString()).matches("  kafka             listening \\([0-9]+\\.[0-9] s\\)\n");
    }
}
