package com.flashsale.system;

import com.flashsale.contracts.Topics;
import com.flashsale.devstack.LocalStack;
import com.flashsale.devstack.component.Component;
import com.flashsale.devstack.component.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import tools.jackson.databind.JsonNode;

/**
 * The services of the test stack one instance at a time, as an operator reaches them on the internal
 * network: readiness, order-processor's lag report, Prometheus, and signals to a process. Ports come
 * from the stack's settings the way the launcher derives them (the n-th instance on the first one's
 * port + 10 (n - 1)), never hard-coded.
 */
final class Instances {

    /** What an operator's probe waits for an answer (a frozen process never answers). */
    static final Duration PROBE = Duration.ofSeconds(3);

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE)
            .build();

    Instances(LocalStack stack) {
        this.stack = stack;
    }

    static Component component(Kind kind, int instance) {
        return new Component(kind, instance);
    }

    int port(Kind kind, int instance) {
        return component(kind, instance).port(stack.settings());
    }

    String url(Kind kind, int instance) {
        return "http://127.0.0.1:" + port(kind, instance);
    }

    /** An answer of one instance, or empty when none came within {@code bound} (refused, frozen, away). */
    Optional<Answer> get(Kind kind, int instance, String path, Duration bound) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(kind, instance) + path))
                .timeout(bound)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(response.statusCode(), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code /actuator/health/readiness} within the probe's bound; empty when it did not answer. */
    Optional<Answer> readiness(Kind kind, int instance) {
        return readiness(kind, instance, PROBE);
    }

    /** As {@link #readiness(Kind, int)}, waiting up to {@code bound} (a health check may take its time to fail). */
    Optional<Answer> readiness(Kind kind, int instance, Duration bound) {
        return get(kind, instance, "/actuator/health/readiness", bound);
    }

    /** Whether the instance answered its readiness probe with 200 (UP). */
    boolean ready(Kind kind, int instance) {
        return readiness(kind, instance).map(a -> a.status() == 200).orElse(false);
    }

    /** The partitions an order-processor instance owns, from its readiness (empty when it does not answer). */
    Optional<Set<Integer>> ownedBy(int processor) {
        return readiness(Kind.ORDERS, processor)
                .filter(a -> a.status() == 200 || a.status() == 503)
                .map(a -> {
                    Set<Integer> owned = new TreeSet<>();
                    a.json()
                            .at("/components/stalledPartitions/details/partitions")
                            .forEach(p -> owned.add(p.asInt()));
                    return owned;
                });
    }

    /** An order-processor instance's own lag report ({@code GET /ops/lag}); empty when it did not answer 200. */
    Optional<JsonNode> lag(int processor) {
        return get(Kind.ORDERS, processor, "/ops/lag", Duration.ofSeconds(10))
                .filter(a -> a.status() == 200)
                .map(Answer::json);
    }

    /** One instance's {@code /actuator/prometheus}, parsed. */
    Prometheus prometheus(Kind kind, int instance) {
        Answer answer = get(kind, instance, "/actuator/prometheus", Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError(component(kind, instance) + " did not answer its scrape"));
        if (answer.status() != 200) {
            throw new AssertionError(component(kind, instance) + " answered its scrape " + answer.status());
        }
        return Prometheus.parse(answer.body());
    }

    /** The PID of a running instance. */
    long pid(Kind kind, int instance) {
        String name = component(kind, instance).name();
        return stack.pid(name).orElseThrow(() -> new AssertionError(name + " is not running"));
    }

    /** {@code kill -<signal> <pid>} (STOP, CONT), as an operator would type it. */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The partition of the requests topic that holds a sale's purchases: the edge keys each record by
     * the sale id's text, and Kafka's default partitioner places a key by its murmur2 hash.
     */
    static int partitionOf(String saleId) {
        byte[] key = UUID.fromString(saleId).toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % Topics.PURCHASE_REQUEST_PARTITIONS;
    }

    /** The row of one partition in a lag report (the processor's or the edge's, same shape). */
    static Optional<JsonNode> partition(JsonNode report, int partition) {
        for (JsonNode row : report.get("partitions")) {
            if (row.get("partition").asInt() == partition) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** The member id owning each partition of a report, null where nobody owns it, in partition order. */
    static List<String> owners(JsonNode report) {
        List<String> owners = new ArrayList<>();
        for (JsonNode row : report.get("partitions")) {
            JsonNode owner = row.get("owner");
            owners.add(
                    owner == null || owner.isNull()
                            ? null
                            : owner.get("memberId").asString());
        }
        return owners;
    }

    /** One HTTP answer of an instance. */
    record Answer(int status, String body) {

        JsonNode json() {
            return Platform.JSON.readTree(body);
        }

        String status(String path) {
            return json().at(path).asString();
        }
    }
}
