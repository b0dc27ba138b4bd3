package com.flashsale.orders.purchase.messaging;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.persistence.PurchaseBatchWriter;
import com.flashsale.orders.purchase.persistence.PurchaseBatchWriter.StoredOffsets;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * every outcome of a record below it is on the topic. That offset is stored in the next batch's
 * own transaction (and by {@link #flush()} when no batch follows), so publication costs no
 * transaction of its own. A batch whose send failed is sent again (duplicates are harmless: every
 * reader drops them by request id). When a partition is assigned, the outcomes between its stored
 * published offset and its next offset (committed, perhaps never acknowledged: the process died)
 * are read back from the database and sent again before anything else.
 */
@Component
class OutcomePublication {

    private static final Logger log = LoggerFactory.getLogger(OutcomePublication.class);
    private static final Duration DB_BOUND = Duration.ofSeconds(60);
    /** Batches in flight per partition before the consumer waits for the oldest: bounds memory. */
    private static final int MAX_IN_FLIGHT = 16;

    private static final Duration ROOM_WAIT = Duration.ofSeconds(10);
    private static final Duration FLUSH_WHEN_IDLE = Duration.ofMillis(200);

    private final KafkaTemplate<String, String> kafka;
    private final PurchaseBatchWriter store;
    private final JsonMapper json;
    private final ConcurrentHashMap<Integer, PartitionLog> partitions = new ConcurrentHashMap<>();

    OutcomePublication(KafkaTemplate<String, String> kafka, PurchaseBatchWriter store, JsonMapper json) {
        this.kafka = kafka;
        this.store = store;
        this.json = json;
    }

    /** The partition is ours from its stored offsets on: publish again what may never have been acknowledged. */
    void assigned(int partition, StoredOffsets stored) {
        PartitionLog partitionLog = new PartitionLog(stored.published());
        partitions.put(partition, partitionLog);
        if (stored.published() < stored.next()) {
            List<PurchaseDecided> gap = store.outcomesBetween(partition, stored.published(), stored.next())
                    .collectList()
                    .block(DB_BOUND);
            log.info(
                    "Partition {}: publishing again {} outcomes of offsets [{}, {}) committed before the last stop",
                    partition,
                    gap.size(),
                    stored.published(),
                    stored.next());
            partitionLog.add(new Batch(stored.next(), gap, send(gap)));
        }
    }

    /** The partition is no longer ours: remember how far it was published, and stop tracking it. */
    void revoked(int partition) {
        PartitionLog partitionLog = partitions.remove(partition);
        if (partitionLog != null) {
            storeIfAdvanced(partition, partitionLog);
        }
    }

    /**
     * A batch of the partition committed, with {@code storedPublished} as the published offset in its
     * transaction: send its outcomes; they count as published once acknowledged.
     */
    void committed(int partition, long nextOffset, List<PurchaseDecided> outcomes, long storedPublished) {
        PartitionLog partitionLog = partitions.computeIfAbsent(partition, p -> new PartitionLog(0));
        partitionLog.stored = Math.max(partitionLog.stored, storedPublished);
        partitionLog.lastBatchNanos = System.nanoTime();
        partitionLog.add(new Batch(nextOffset, outcomes, send(outcomes)));
        partitionLog.awaitRoom();
    }

    /** The offset below which every outcome of the partition is acknowledged: stored with the next batch. */
    long publishedUpTo(int partition) {
        PartitionLog partitionLog = partitions.get(partition);
        return partitionLog == null ? 0 : partitionLog.advance();
    }

    /**
     * Sends failed batches again, and stores the published offset of partitions that no batch
     * followed for a while (a busy partition's next batch stores it, without a transaction of its own).
     */
    @Scheduled(initialDelay = 250, fixedDelay = 250)
    void flush() {
        long idleSince = System.nanoTime() - FLUSH_WHEN_IDLE.toNanos();
        partitions.forEach((partition, partitionLog) -> {
            try {
                partitionLog.resendFailed(this::send);
                if (partitionLog.lastBatchNanos - idleSince < 0) {
                    storeIfAdvanced(partition, partitionLog);
                }
            } catch (RuntimeException e) {
                log.warn("Partition {}: publication not recorded yet ({}); retrying", partition, e.toString());
            }
        });
    }

    /** On a graceful stop, waits a little for the acknowledgements in flight so the next start re-sends less. */
    @PreDestroy
    void drain() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        partitions.forEach((partition, partitionLog) -> {
            partitionLog.awaitAll(deadline);
            try {
                storeIfAdvanced(partition, partitionLog);
            } catch (RuntimeException e) {
                log.info("Partition {}: published offset not stored at stop ({})", partition, e.toString());
            }
        });
    }

    private void storeIfAdvanced(int partition, PartitionLog partitionLog) {
        long acked = partitionLog.advance();
        if (acked > partitionLog.stored) {
            store.storePublished(partition, acked).block(DB_BOUND);
            partitionLog.stored = acked;
        }
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

        Batch(long end, List<PurchaseDecided> outcomes, CompletableFuture<Void> sent) {
            this.end = end;
            this.outcomes = outcomes;
            this.sent = sent;
        }

        boolean acknowledged() {
            return sent.isDone() && !sent.isCompletedExceptionally();
        }
    }

    /** One partition's batches in flight, oldest first. */
    private static final class PartitionLog {
        private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
        private long acked;
        /** The published offset last stored in the database (by a batch or by a flush). */
        volatile long stored;
        /** When the last batch of this partition committed ({@link System#nanoTime()}). */
        volatile long lastBatchNanos = System.nanoTime();

        PartitionLog(long published) {
            this.acked = published;
            this.stored = published;
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

        synchronized void resendFailed(
                java.util.function.Function<List<PurchaseDecided>, CompletableFuture<Void>> send) {
            for (Batch batch : inFlight) {
                if (batch.sent.isCompletedExceptionally()) {
                    log.info("Sending {} outcomes again (up to offset {})", batch.outcomes.size(), batch.end);
                    batch.sent = send.apply(batch.outcomes);
                }
            }
        }

        void awaitRoom() {
            Batch oldest;
            synchronized (this) {
                if (inFlight.size() <= MAX_IN_FLIGHT) {
                    return;
                }
                oldest = inFlight.peekFirst();
            }
            await(oldest, System.nanoTime() + ROOM_WAIT.toNanos());
            advance();
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
