package com.flashsale.devstack.component;

import com.flashsale.devstack.Console;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.process.Health;
import com.flashsale.devstack.process.Ports;
import com.flashsale.devstack.process.Supervisor;
import com.flashsale.devstack.settings.StackSettings;
import java.util.OptionalLong;

/** What every kind of component starts and finds its processes with, for one stack. */
public record Processes(StackSettings settings, Console console, Supervisor supervisor, Health health) {

    public static Processes of(StackSettings settings, Console console) {
        return new Processes(
                settings,
                console,
                new Supervisor(settings.home(), console),
                new Health(console, settings.healthTimeout()));
    }

    public OptionalLong runningPid(Component component) {
        return supervisor.runningPid(component.pidFile(settings), component.mainMarker());
    }

    public boolean running(Component component) {
        return runningPid(component).isPresent();
    }

    public OptionalLong postmasterPid() {
        return supervisor.postmasterPid(settings.dataDir().resolve("postgres"));
    }

    /** Fails when another process listens on the port, naming it and the setting that moves it. */
    public void requireFreePort(int port, String setting) {
        if (Ports.listening(port)) {
            throw new StackException("port " + port + " is taken by another process" + Ports.owner(port)
                    + "; stop it or set " + setting);
        }
    }

    /** The devstack classpath: its jar and what it needs (for the PostgreSQL holder). */
    public String devstackClasspath() {
        return settings.root().resolve("devstack/target/devstack.jar") + ":"
                + settings.root().resolve("devstack/target/lib/*");
    }
}
