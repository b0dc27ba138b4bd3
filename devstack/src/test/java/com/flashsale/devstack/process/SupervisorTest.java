package com.flashsale.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.flashsale.devstack.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisorTest {

    @TempDir
    Path home;

    private OptionalLong started = OptionalLong.empty();

    @AfterEach
    void stopWhatTheTestStarted() {
        started.ifPresent(pid -> Supervisor.signal(pid, "KILL"));
    }

    /** A shell that loops until killed (the loop keeps the shell itself alive), carrying the markers. */
    private long spawn(Supervisor supervisor, Path pidFile, Path log) {
        long pid = supervisor.spawn(
                pidFile,
                log,
                List.of("sh", "-c", "echo started; while :; do sleep 1; done", supervisor.homeMarker(), "kafka.Kafka"),
                System.getenv());
        started = OptionalLong.of(pid);
        return pid;
    }

    @Test
    void aSpawnedProcessIsFoundByItsPidFileAndMarkers() throws Exception {
        Supervisor supervisor = new Supervisor(home, Console.silent());
        Path pidFile = home.resolve("kafka.pid");
        Path log = home.resolve("kafka.log");

        long pid = spawn(supervisor, pidFile, log);

        assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(pid));
        assertThat(supervisor.runningPid(pidFile, "kafka.Kafka")).hasValue(pid);
        assertThat(supervisor.runningPid(pidFile, "edge-api.jar"))
                .as("another component's marker")
                .isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(log).content().contains("started"));
    }

    @Test
    void aPidThatIsNotOursIsNeverTakenForOurs() throws Exception {
        Supervisor supervisor = new Supervisor(home, Console.silent());
        Path pidFile = home.resolve("kafka.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");

        assertThat(supervisor.runningPid(pidFile, "kafka.Kafka")).isEmpty();

        Supervisor otherHome = new Supervisor(home.resolve("other"), Console.silent());
        spawn(otherHome, pidFile, home.resolve("kafka.log"));
        assertThat(supervisor.runningPid(pidFile, "kafka.Kafka"))
                .as("another home's process")
                .isEmpty();
    }

    @Test
    void terminateStopsTheProcessAndAStubbornOneIsKilledAfterTheBound() throws Exception {
        Supervisor supervisor = new Supervisor(home, Console.silent());
        long pid = spawn(supervisor, home.resolve("a.pid"), home.resolve("a.log"));
        supervisor.terminate(pid, "TERM", Duration.ofSeconds(30));
        assertThat(Supervisor.alive(pid)).isFalse();

        long stubborn = supervisor.spawn(
                home.resolve("b.pid"),
                home.resolve("b.log"),
                List.of("sh", "-c", "trap '' TERM; while :; do sleep 1; done"),
                System.getenv());
        started = OptionalLong.of(stubborn);
        supervisor.terminate(stubborn, "TERM", Duration.ZERO);
        assertThat(Supervisor.alive(stubborn)).isFalse();
    }

    @Test
    void aRestartKeepsThePreviousLogAsDotOne() throws Exception {
        Supervisor supervisor = new Supervisor(home, Console.silent());
        Path log = home.resolve("x.log");
        Files.writeString(log, "the first run\n");

        spawn(supervisor, home.resolve("x.pid"), log);

        assertThat(home.resolve("x.log.1")).content().isEqualTo("the first run\n");
    }

    @Test
    void residentMemoryOfALiveProcessIsPositiveAndOfAGoneOneZero() {
        assertThat(Supervisor.rssKb(ProcessHandle.current().pid())).isPositive();
        assertThat(Supervisor.rssKb(Integer.MAX_VALUE)).isZero();
    }
}
