package com.flashsale.load.bench;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.Topics;
import com.flashsale.load.BurstTimeline;
import com.flashsale.load.DbSettings;
import com.flashsale.load.InvariantVerdict;
import com.flashsale.load.StackClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The apply rate on ONE hot sale: with order-processor stopped, {@code requests} purchase requests
 * of {@code shoppers} for a sale of {@code stock} units go straight onto the sale's partition (key =
 * sale id, as edge-api produces them); then order-processor starts, and the clock runs until every
 * outcome is committed (the partition's stored offset reached the end) and published (read back
 * from the outcomes topic).
 */
final class ApplyRate {

    private ApplyRate() {}

    /**
     * @param launchToDoneSeconds from the launch of order-processor (JVM start included) to done
     * @param applySeconds from the first decision (decided_at of the first batch) to done
     */
    record Result(
            int requests,
            int shoppers,
            int stock,
            int partition,
            double produceSeconds,
            double launchToDoneSeconds,
            double applySeconds,
            long outcomes,
            long confirmed,
            List<InvariantVerdict.Check> checks,
            double processorCpuSeconds,
            double kafkaCpuSeconds,
            double machineBusy) {

        double perSecond() {
            return requests / applySeconds;
        }
    }

    static Result run(
            StackClient stack,
            String adminToken,
            List<StackClient.Shopper> shoppers,
            DbSettings db,
            String bootstrap,
            Launcher launcher,
            Path runDir,
            int requests,
            int stock)
            throws Exception {
        UUID saleId = stack.createSale(adminToken, stock, Duration.ofHours(1));
        stack.awaitSale(saleId, Duration.ofSeconds(30));
        awaitKnownToProcessor(db, saleId);
        launcher.down("order-processor");

        long produceStart = System.nanoTime();
        List<UUID> requestIds = new ArrayList<>(requests);
        Set<Integer> partitions = new HashSet<>();
        long endOffset = -1;
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>(requests);
            Instant acceptedAt = Instant.now();
            for (int i = 0; i < requests; i++) {
                UUID requestId = UUID.randomUUID();
                requestIds.add(requestId);
                PurchaseRequested request = new PurchaseRequested(
                        PurchaseRequested.VERSION,
                        requestId,
                        saleId,
                        shoppers.get(i % shoppers.size()).id(),
                        acceptedAt);
                String json = StackClient.JSON.writeValueAsString(request);
                if (i == 0 && !json.contains("\"acceptedAt\":\"")) {
                    throw new IllegalStateException("acceptedAt is not an ISO-8601 string: " + json);
                }
                acks.add(producer.send(new ProducerRecord<>(Topics.PURCHASE_REQUESTS, saleId.toString(), json)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                RecordMetadata metadata = ack.get();
                partitions.add(metadata.partition());
                endOffset = Math.max(endOffset, metadata.offset() + 1);
            }
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        if (partitions.size() != 1) {
            throw new IllegalStateException("one sale's requests landed on partitions " + partitions);
        }
        int partition = partitions.iterator().next();

        Instant done;
        long launch;
        CompletableFuture<Void> started;
        long kafkaBefore = CpuTicks.of(runDir, "kafka");
        long[] machineBefore = CpuTicks.machine();
        try (OutcomeWatch outcomes = OutcomeWatch.fromNow(bootstrap, saleId)) {
            launch = System.nanoTime();
            started = CompletableFuture.runAsync(() -> launcher.up("order-processor"));
            done = awaitAppliedAndPublished(
                    db, outcomes, partition, endOffset, new HashSet<>(requestIds), Duration.ofSeconds(300));
        }
        double launchToDone = (System.nanoTime() - launch) / 1e9;
        // From the launch to done: the processor's whole life so far (JVM start and JIT included).
        double processorCpu = CpuTicks.of(runDir, "order-processor") / 100.0;
        double kafkaCpu = (CpuTicks.of(runDir, "kafka") - kafkaBefore) / 100.0;
        double machineBusy = CpuTicks.busyShare(machineBefore, CpuTicks.machine());
        started.get();

        BurstTimeline timeline = BurstTimeline.read(db, saleId, stock);
        double applySeconds = BurstTimeline.secondsBetween(timeline.firstDecided(), done);
        List<InvariantVerdict.Check> checks = db.verdict().check(saleId, requestIds, List.of());
        return new Result(
                requests,
                shoppers.size(),
                stock,
                partition,
                produceSeconds,
                launchToDone,
                applySeconds,
                timeline.outcomes(),
                timeline.confirmed(),
                checks,
                processorCpu,
                kafkaCpu,
                machineBusy);
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /** order-processor keeps its own copy of each sale: wait for it before stopping the processor. */
    private static void awaitKnownToProcessor(DbSettings db, UUID saleId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM orders.sales WHERE sale_id = ?")) {
            s.setObject(1, saleId);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("order-processor did not learn sale " + saleId + " within 30 s");
    }

    /**
     * Done when the partition's stored next offset (written in the same transaction as each batch)
     * reached the end, and every request's outcome has been read back from the outcomes topic: that
     * is what "published" means to the edges that consume it.
     */
    private static Instant awaitAppliedAndPublished(
            DbSettings db, OutcomeWatch outcomes, int partition, long endOffset, Set<UUID> pending, Duration bound)
            throws SQLException {
        long deadline = System.nanoTime() + bound.toNanos();
        boolean applied = false;
        try (Connection c = db.connect();
                PreparedStatement offset = c.prepareStatement(
                        "SELECT next_offset FROM orders.consumer_offsets WHERE topic = ? AND partition = ?")) {
            offset.setString(1, Topics.PURCHASE_REQUESTS);
            offset.setInt(2, partition);
            while (System.nanoTime() < deadline) {
                outcomes.poll(Duration.ofMillis(50), pending::remove);
                if (!applied) {
                    try (ResultSet rs = offset.executeQuery()) {
                        applied = rs.next() && rs.getLong(1) >= endOffset;
                    }
                }
                if (applied && pending.isEmpty()) {
                    return Instant.now();
                }
            }
        }
        throw new IllegalStateException("order-processor did not apply and publish the backlog within "
                + bound.toSeconds() + " s (" + pending.size() + " outcomes not seen on the topic)");
    }
}
