package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.PartitionOffsets;
import com.flashsale.orders.purchase.PurchaseOutcomes;
import com.flashsale.orders.purchase.StoredOffsets;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets every committed outcome onto the outcomes topic at least once, without a second write per
 * outcome and without holding up the next batch.
 *
 * <p>After a batch commits, its outcomes are sent and the consumer goes on with the next batch
 * while Kafka acknowledges them. Per partition, the batches in flight are kept in offset order; the
 * end of the longest run of acknowledged batches is the partition's <em>published offset</em>:
 * every outcome of a record below it is on the topic. Each time it moves, {@link PartitionOffsets}
 * hears of it and stores it (docs/adr/0002). A batch whose send failed is sent again (duplicates
 * are harmless: every reader drops them by request id). When a partition is assigned, the outcomes
 * between its stored published offset and its next offset (committed, perhaps never acknowledged:
 * the process died) are read back from the database and sent again before anything else.
 */
@Component
class OutcomePublication {

    private static final Logger log = LoggerFactory.getLogger(OutcomePublication.class);
    private static final Duration DB_BOUND = Duration.ofSeconds(60);
    /** Batches in flight per partition before the consumer waits for the oldest: bounds memory. */
    private static final int MAX_IN_FLIGHT = 16;

    private static final Duration ROOM_WAIT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, String> kafka;
    private final PurchaseOutcomes stored;
    private final PartitionOffsets offsets;
    private final JsonMapper json;
    private final PurchaseTelemetry telemetry;
    private final ConcurrentHashMap<Integer, PartitionLog> partitions = new ConcurrentHashMap<>();

    OutcomePublication(
            KafkaTemplate<String, String> kafka,
            PurchaseOutcomes stored,
            PartitionOffsets offsets,
            JsonMapper json,
            PurchaseTelemetry telemetry) {
        this.kafka = kafka;
        this.stored = stored;
        this.offsets = offsets;
        this.json = json;
        this.telemetry = telemetry;
    }

    /** The partition is ours from its stored offsets on: publish again what may never have been acknowledged. */
    void assigned(int partition, StoredOffsets at) {
        PartitionLog partitionLog = new PartitionLog(partition, at.published());
        partitions.put(partition, partitionLog);
        if (at.published() < at.next()) {
            List<PurchaseDecided> gap = stored.between(partition, at.published(), at.next())
                    .collectList()
                    .block(DB_BOUND);
            log.info(
                    "Partition {}: publishing again {} outcomes of offsets [{}, {}) committed before the last stop",
                    partition,
                    gap.size(),
                    at.published(),
                    at.next());
            telemetry.resent(partition, gap);
            track(partitionLog, at.next(), gap);
        }
    }

    /** The partition is no longer ours: report how far it was published, and stop tracking it. */
    void revoked(int partition) {
        PartitionLog partitionLog = partitions.remove(partition);
        if (partitionLog != null) {
            report(partitionLog);
        }
    }

    /** A batch of the partition committed: send its outcomes; they count as published once acknowledged. */
    void committed(int partition, long nextOffset, List<PurchaseDecided> outcomes) {
        PartitionLog partitionLog = partitions.computeIfAbsent(partition, p -> new PartitionLog(p, 0));
        track(partitionLog, nextOffset, outcomes);
        if (partitionLog.awaitRoom()) {
            report(partitionLog);
        }
    }

    /** Sends failed batches again. */
    @Scheduled(initialDelay = 250, fixedDelay = 250)
    void flush() {
        partitions.forEach((partition, partitionLog) -> {
            try {
                partitionLog.resendFailed(batch -> {
                    telemetry.resent(partition, batch.outcomes);
                    sendAndReport(partitionLog, batch);
                });
            } catch (RuntimeException e) {
                log.warn("Partition {}: outcomes not sent again yet ({}); retrying", partition, e.toString());
            }
        });
    }

    /** On a graceful stop, waits a little for the acknowledgements in flight so the next start re-sends less. */
    @PreDestroy
    void drain() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        partitions.values().forEach(partitionLog -> {
            partitionLog.awaitAll(deadline);
            report(partitionLog);
        });
        try {
            offsets.storeAll().block(DB_BOUND);
        } catch (RuntimeException e) {
            log.info("Published offsets not stored at stop ({})", e.toString());
        }
    }

    private void track(PartitionLog partitionLog, long end, List<PurchaseDecided> outcomes) {
        Batch batch = new Batch(end, outcomes);
        partitionLog.add(batch);
        sendAndReport(partitionLog, batch);
    }

    private void sendAndReport(PartitionLog partitionLog, Batch batch) {
        CompletableFuture<Void> sent = send(batch.outcomes);
        batch.sent = sent;
        // The acknowledgement moves the published offset at once: the next batch stores the latest.
        sent.thenRun(() -> {
            telemetry.published(batch.outcomes);
            report(partitionLog);
        });
    }

    private void report(PartitionLog partitionLog) {
        offsets.acknowledged(partitionLog.partition, partitionLog.advance());
    }

    private CompletableFuture<Void> send(List<PurchaseDecided> outcomes) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[outcomes.size()];
        for (int i = 0; i < acks.length; i++) {
            PurchaseDecided outcome = outcomes.get(i);
            acks[i] =
                    kafka.send(Topics.PURCHASE_OUTCOMES, outcome.userId().toString(), json.writeValueAsString(outcome));
        }
        return CompletableFuture.allOf(acks);
    }

    /** A committed batch's outcomes and their acknowledgement; {@code end} is the offset after the batch. */
    private static final class Batch {
        final long end;
        final List<PurchaseDecided> outcomes;
        volatile CompletableFuture<Void> sent;

        Batch(long end, List<PurchaseDecided> outcomes) {
            this.end = end;
            this.outcomes = outcomes;
        }

        boolean acknowledged() {
            CompletableFuture<Void> s = sent;
            return s != null && s.isDone() && !s.isCompletedExceptionally();
        }

        boolean failed() {
            CompletableFuture<Void> s = sent;
            return s != null && s.isCompletedExceptionally();
        }
    }

    /** One partition's batches in flight, oldest first. */
    private static final class PartitionLog {
        final int partition;
        private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
        private long acked;

        PartitionLog(int partition, long published) {
            this.partition = partition;
            this.acked = published;
        }

        synchronized void add(Batch batch) {
            inFlight.addLast(batch);
        }

        /** Drops the acknowledged batches at the head; the end of the last one dropped is published. */
        synchronized long advance() {
            while (!inFlight.isEmpty() && inFlight.peekFirst().acknowledged()) {
                acked = Math.max(acked, inFlight.pollFirst().end);
            }
            return acked;
        }

        void resendFailed(Consumer<Batch> send) {
            List<Batch> failed;
            synchronized (this) {
                failed = inFlight.stream().filter(Batch::failed).toList();
            }
            // Sent without the lock: an acknowledgement's callback takes it on the producer's thread.
            for (Batch batch : failed) {
                log.info("Sending {} outcomes again (up to offset {})", batch.outcomes.size(), batch.end);
                send.accept(batch);
            }
        }

        /** Waits for the oldest batch if too many are in flight; whether it waited. */
        boolean awaitRoom() {
            Batch oldest;
            synchronized (this) {
                if (inFlight.size() <= MAX_IN_FLIGHT) {
                    return false;
                }
                oldest = inFlight.peekFirst();
            }
            await(oldest, System.nanoTime() + ROOM_WAIT.toNanos());
            return true;
        }

        void awaitAll(long deadlineNanos) {
            List<Batch> batches;
            synchronized (this) {
                batches = List.copyOf(inFlight);
            }
            batches.forEach(batch -> await(batch, deadlineNanos));
        }

        private static void await(Batch batch, long deadlineNanos) {
            try {
                batch.sent.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Left in flight: flush() sends it again.
            }
        }
    }
}
