package com.flashsale.load.burst;

import com.flashsale.load.StackClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/** What the edge answered during a burst, recorded from many Gatling threads at once. */
final class BurstAnswers {

    /** Request ids answered 202: each must get exactly one final outcome. */
    final Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    /** Request ids answered 503 OUTCOME_UNKNOWN: Kafka may still hold them, so they may get an outcome. */
    final Set<UUID> unknown = ConcurrentHashMap.newKeySet();

    final LongAdder sent = new LongAdder();
    final LongAdder unavailable = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    final Map<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
    final AtomicLong firstRequestMillis = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAnswerMillis = new AtomicLong();

    void sending() {
        sent.increment();
        firstRequestMillis.accumulateAndGet(System.currentTimeMillis(), Math::min);
    }

    /** One answer: its status (null when the request failed without one) and body. */
    void record(Integer status, String body) {
        lastAnswerMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
        if (status == null) {
            transportErrors.increment();
            return;
        }
        JsonNode json = parse(body);
        switch (status) {
            case 202 -> accepted.add(UUID.fromString(json.path("requestId").asString()));
            case 503 -> {
                unavailable.increment();
                String id = json.path("requestId").asString("");
                if (!id.isEmpty()) {
                    unknown.add(UUID.fromString(id));
                }
            }
            case 409 ->
                refusals.computeIfAbsent(json.path("reason").asString("409 without reason"), r -> new LongAdder())
                        .increment();
            default ->
                otherStatuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        }
    }

    long refused() {
        return refusals.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> refusalsByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        refusals.forEach((reason, n) -> byReason.put(reason, n.sum()));
        return byReason;
    }

    Map<Integer, Long> others() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        otherStatuses.forEach((status, n) -> byStatus.put(status, n.sum()));
        return byStatus;
    }

    private static JsonNode parse(String body) {
        try {
            return StackClient.JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (RuntimeException e) {
            return StackClient.JSON.createObjectNode();
        }
    }
}
