package com.flashsale.orders.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samples the requests topic's partitions (Kafka's view and the applied offsets stored with the
 * batches), keeps a window of samples per partition, and answers the latest {@link LagReport}. Any
 * instance samples every partition, so any instance answers for all of them.
 */
public final class LagWatch {

    private final TopicProgress kafka;
    private final String topic;
    private final String group;
    private final Duration sampleEvery;
    private final int windowSize;
    private final Map<Integer, ProgressWindow> windows = new ConcurrentHashMap<>();
    /** The timestamp read for a partition's applied offset: it changes only when that offset moves. */
    private final Map<Integer, Map.Entry<Long, Instant>> oldest = new ConcurrentHashMap<>();

    private volatile LagReport latest;

    public LagWatch(TopicProgress kafka, String topic, String group, Duration sampleEvery, int windowSize) {
        this.kafka = kafka;
        this.topic = topic;
        this.group = group;
        this.sampleEvery = sampleEvery;
        this.windowSize = windowSize;
    }

    /** Takes one sample of every partition at {@code now}; {@code applied} holds the stored next offsets. */
    public LagReport sample(Map<Integer, Long> applied, Instant now) {
        Map<Integer, TopicProgress.PartitionOnKafka> partitions = new TreeMap<>(kafka.partitions());
        Map<Integer, Long> waitingAt = new HashMap<>();
        Map<Integer, Long> appliedNow = new HashMap<>();
        for (TopicProgress.PartitionOnKafka p : partitions.values()) {
            // Never applied, or trimmed by retention: the first record still on the log is the next to apply.
            long at = Math.max(applied.getOrDefault(p.partition(), 0L), p.logStart());
            appliedNow.put(p.partition(), at);
            Map.Entry<Long, Instant> known = oldest.get(p.partition());
            if (at < p.end() && (known == null || known.getKey() != at)) {
                waitingAt.put(p.partition(), at);
            }
        }
        if (!waitingAt.isEmpty()) {
            kafka.timestampsAt(waitingAt)
                    .forEach((partition, timestamp) ->
                            oldest.put(partition, Map.entry(waitingAt.get(partition), timestamp)));
        }
        List<PartitionLag> rows = new ArrayList<>(partitions.size());
        long total = 0;
        for (TopicProgress.PartitionOnKafka p : partitions.values()) {
            long at = appliedNow.get(p.partition());
            LagSample sample = new LagSample(now, p.end(), at, p.owner() != null);
            ProgressWindow window = windows.computeIfAbsent(p.partition(), x -> new ProgressWindow(windowSize));
            window.add(sample);
            Map.Entry<Long, Instant> first = oldest.get(p.partition());
            Long age = sample.lag() > 0 && first != null && first.getKey() == at
                    ? Math.max(0, Duration.between(first.getValue(), now).toMillis())
                    : null;
            total += sample.lag();
            rows.add(new PartitionLag(
                    p.partition(),
                    p.end(),
                    at,
                    p.committed(),
                    sample.lag(),
                    age,
                    window.applyRate(),
                    window.drainSeconds(),
                    p.owner(),
                    window.status()));
        }
        LagReport report =
                new LagReport(topic, group, now, sampleEvery.toMillis(), windowSize, total, List.copyOf(rows));
        latest = report;
        return report;
    }

    /** The report of the last sample; null before the first. */
    public LagReport latest() {
        return latest;
    }

    /** The partitions among {@code owned} whose last judgement was STALLED. */
    public List<Integer> stalledAmong(Set<Integer> owned) {
        LagReport report = latest;
        if (report == null) {
            return List.of();
        }
        return report.partitions().stream()
                .filter(p -> p.status() == PartitionStatus.STALLED && owned.contains(p.partition()))
                .map(PartitionLag::partition)
                .toList();
    }
}
