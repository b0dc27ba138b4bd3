package com.flashsale.devstack.component;

import com.flashsale.devstack.StackException;
import com.flashsale.devstack.process.Health;
import com.flashsale.devstack.process.Ports;
import com.flashsale.devstack.settings.Database;
import com.flashsale.devstack.settings.StackSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The stack's PostgreSQL: an external server (FLASHSALE_DB_URL) that must be reachable, or the
 * embedded one, held by a small JVM (LocalPostgres) whose postmaster may outlive it.
 */
public final class PostgresProcess {

    // The holder only waits once PostgreSQL runs; its heap is needed while zonky unpacks the binaries.
    private static final List<String> JAVA_OPTIONS =
            List.of("-Xms16m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Processes processes;
    private final Component component = Component.first(Kind.POSTGRES);

    public PostgresProcess(Processes processes) {
        this.processes = processes;
    }

    public void start() {
        StackSettings settings = processes.settings();
        if (component.isExternal(settings)) {
            Database db = settings.database();
            if (!Ports.reachable(db.host(), db.port())) {
                throw new StackException(
                        "PostgreSQL at " + db.host() + ":" + db.port() + " (FLASHSALE_DB_URL) is not reachable");
            }
            processes.console().begin("postgres");
            processes.console().print("external at " + db.host() + ":" + db.port() + "/" + db.name() + "\n");
            return;
        }
        OptionalLong running = processes.runningPid(component);
        long pid;
        if (running.isPresent()) {
            pid = running.getAsLong();
        } else {
            stopOrphanPostmaster();
            processes.requireFreePort(settings.pgPort(), "FLASHSALE_PG_PORT");
            List<String> command = new ArrayList<>();
            command.add(settings.java());
            command.addAll(JAVA_OPTIONS);
            command.add(processes.supervisor().homeMarker());
            command.addAll(List.of(
                    "-cp",
                    processes.devstackClasspath(),
                    component.mainMarker(),
                    settings.dataDir().resolve("postgres").toString(),
                    Integer.toString(settings.pgPort())));
            pid = processes
                    .supervisor()
                    .spawn(component.pidFile(settings), component.log(settings), command, settings.environment());
        }
        Path log = component.log(settings);
        processes
                .health()
                .await(
                        "postgres",
                        pid,
                        "ready",
                        () -> Health.logSays(log, "flashsale-postgres ready") && Ports.listening(settings.pgPort()),
                        List.of(log),
                        component.pidFile(settings));
    }

    /** A postmaster left behind by a killed holder: SIGINT is PostgreSQL's fast shutdown. */
    public void stopOrphanPostmaster() {
        OptionalLong pid = processes.postmasterPid();
        if (pid.isEmpty()) {
            return;
        }
        processes
                .supervisor()
                .terminate(pid.getAsLong(), "INT", processes.settings().stopTimeout());
        processes.console().begin("postgres");
        processes.console().print("stopped the postmaster (pid " + pid.getAsLong() + ")\n");
    }
}
