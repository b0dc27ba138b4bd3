package com.flashsale.devstack.component;

import com.flashsale.contracts.Topics;
import com.flashsale.devstack.Console;
import com.flashsale.devstack.CreateTopics;
import com.flashsale.devstack.StackException;
import com.flashsale.devstack.process.Ports;
import com.flashsale.devstack.settings.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;

/**
 * The stack's Kafka: an external cluster (FLASHSALE_KAFKA_BOOTSTRAP), or a real single-node KRaft
 * broker run from the artifacts devstack copied, its storage formatted once; then the contract's
 * topics, created where missing.
 */
public final class KafkaBroker {

    private static final List<String> TOOL_JAVA_OPTIONS =
            List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Processes processes;
    private final Component component = Component.first(Kind.KAFKA);

    public KafkaBroker(Processes processes) {
        this.processes = processes;
    }

    public void start() {
        StackSettings settings = processes.settings();
        Console console = processes.console();
        if (component.isExternal(settings)) {
            console.begin("kafka");
            console.print("external at " + settings.externalKafka().orElseThrow() + "\n");
        } else {
            OptionalLong running = processes.runningPid(component);
            long pid = running.isPresent() ? running.getAsLong() : launch(settings);
            processes
                    .health()
                    .await(
                            "kafka",
                            pid,
                            "listening",
                            () -> Ports.listening(settings.kafkaPort()),
                            List.of(component.log(settings), settings.logDir().resolve("kafka.console.log")),
                            component.pidFile(settings));
        }
        createTopics(settings.kafkaBootstrap());
    }

    private long launch(StackSettings settings) {
        processes.requireFreePort(settings.kafkaPort(), "FLASHSALE_KAFKA_PORT");
        processes.requireFreePort(settings.kafkaControllerPort(), "FLASHSALE_KAFKA_CONTROLLER_PORT");
        Path root = settings.root();
        Path config = settings.runDir().resolve("kafka/server.properties");
        Path dataDir = settings.dataDir().resolve("kafka");
        String classpath = root.resolve("devstack/target/kafka-lib/*").toString();
        List<String> logging = List.of(
                "-Dlog4j2.configurationFile=" + root.resolve("deploy/local/log4j2.xml"),
                "-Dkafka.logs.dir=" + settings.logDir());
        try {
            Files.createDirectories(config.getParent());
            Files.createDirectories(dataDir);
            String template = Files.readString(root.resolve("deploy/local/server.properties"));
            Files.writeString(
                    config,
                    template.replace("@KAFKA_PORT@", Integer.toString(settings.kafkaPort()))
                            .replace("@CONTROLLER_PORT@", Integer.toString(settings.kafkaControllerPort()))
                            .replace("@LOG_DIRS@", dataDir.toString()));
        } catch (IOException e) {
            throw new StackException("cannot write the broker's configuration " + config + ": " + e.getMessage());
        }
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(settings, config, classpath, logging);
        }
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.addAll(settings.kafkaJavaOptions());
        command.add(processes.supervisor().homeMarker());
        command.addAll(logging);
        command.addAll(List.of("-cp", classpath, component.mainMarker(), config.toString()));
        return processes
                .supervisor()
                .spawn(
                        component.pidFile(settings),
                        settings.logDir().resolve("kafka.console.log"),
                        command,
                        settings.environment());
    }

    /**
     * Formatted once: the cluster id lives in meta.properties from then on. "--cluster-id=": an id may
     * begin with "-" (1 in 64), which a separate argument would pass off as an option.
     */
    private void format(StackSettings settings, Path config, String classpath, List<String> logging) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.addAll(TOOL_JAVA_OPTIONS);
        command.addAll(logging);
        command.addAll(List.of(
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "--ignore-formatted",
                "--cluster-id=" + clusterId,
                "-c",
                config.toString()));
        Path log = settings.logDir().resolve("kafka-format.log");
        int code;
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(new File("/dev/null"));
            builder.environment().clear();
            builder.environment().putAll(settings.environment());
            code = builder.start().waitFor();
        } catch (IOException e) {
            code = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", 130);
        }
        if (code != 0) {
            throw new StackException("formatting the Kafka storage failed; see " + log);
        }
    }

    private void createTopics(String bootstrap) {
        Console console = processes.console();
        long start = System.nanoTime();
        console.begin("topics");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String ready;
        try (PrintStream lines = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            ready = CreateTopics.create(bootstrap, Topics.all(), lines);
        } catch (ExecutionException e) {
            console.print("failed\n");
            throw new StackException(CreateTopics.failure(bootstrap, e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", 130);
        } catch (RuntimeException e) {
            console.print("failed\n");
            throw new StackException(CreateTopics.failure(bootstrap, e));
        }
        console.print(ready + " (" + Console.since(start) + " s)\n");
    }
}
