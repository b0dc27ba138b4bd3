package com.flashsale.orders.purchase;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.orders.purchase.PurchaseLedger.Offsetted;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * The use case of order-processor: applies one partition's batch of purchase requests in ONE
 * transaction. It skips what was applied before, keeps unreadable records as dead letters, locks
 * the touched sales and loads earlier outcomes and buyers (one statement), lets the {@link
 * PurchaseLedger} decide, and stores outcomes, orders and remaining stock (one statement) and the
 * partition's offsets together. A batch either
 * lands whole or not at all, and a replayed batch finds its offsets applied and changes nothing.
 */
public final class ApplyingBatch {

    private final Transactions tx;
    private final PartitionOffsets offsets;
    private final DeadLetters deadLetters;
    private final LedgerRows rows;
    private final Clock clock;
    private final AtomicLong applied = new AtomicLong();

    public ApplyingBatch(
            Transactions tx, PartitionOffsets offsets, DeadLetters deadLetters, LedgerRows rows, Clock clock) {
        this.tx = tx;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
        this.rows = rows;
        this.clock = clock;
    }

    /** Applies the records (ascending offsets of one partition); what it committed, to publish. */
    public Mono<AppliedBatch> apply(int partition, List<IncomingRequest> records) {
        long published = offsets.publishedUpTo(partition);
        return tx.inOne(applyInTransaction(partition, records, published)).doOnNext(batch -> {
            offsets.committed(partition, published);
            applied.incrementAndGet();
        });
    }

    /** How many real batches this instance has committed since it started. */
    public long batchesApplied() {
        return applied.get();
    }

    /**
     * The batch's own statements without the partition's offsets, in the caller's transaction: its
     * load, the ledger's decisions and its store. Only for the warm-up's rehearsal on a made-up sale
     * (docs/adr/0019), whose transaction is rolled back: a real batch goes through {@link #apply}.
     */
    public Mono<AppliedBatch> rehearse(int partition, List<IncomingRequest.Readable> records) {
        List<Offsetted> requests = new ArrayList<>(records.size());
        for (IncomingRequest.Readable record : records) {
            requests.add(new Offsetted(record.request(), record.offset()));
        }
        return decide(partition, requests, records.get(records.size() - 1).offset() + 1);
    }

    private Mono<AppliedBatch> applyInTransaction(int partition, List<IncomingRequest> records, long published) {
        long batchEnd = records.get(records.size() - 1).offset() + 1;
        return offsets.lockNext(partition).flatMap(applied -> {
            List<Offsetted> requests = new ArrayList<>();
            List<IncomingRequest.Unreadable> unreadable = new ArrayList<>();
            for (IncomingRequest record : records) {
                if (record.offset() < applied) {
                    continue; // applied by an earlier delivery: a replay changes nothing
                }
                if (record instanceof IncomingRequest.Readable readable) {
                    requests.add(new Offsetted(readable.request(), readable.offset()));
                } else {
                    unreadable.add((IncomingRequest.Unreadable) record);
                }
            }
            if (requests.isEmpty() && unreadable.isEmpty()) {
                return offsets.store(partition, applied, published)
                        .thenReturn(AppliedBatch.empty(partition, Math.max(applied, batchEnd)));
            }
            return deadLetters
                    .record(partition, unreadable)
                    .then(decide(partition, requests, batchEnd))
                    .map(batch -> batch.withDeadLettered(unreadable.size()))
                    .flatMap(batch ->
                            offsets.store(partition, batchEnd, published).thenReturn(batch));
        });
    }

    private Mono<AppliedBatch> decide(int partition, List<Offsetted> requests, long nextOffset) {
        if (requests.isEmpty()) {
            return Mono.just(AppliedBatch.empty(partition, nextOffset));
        }
        Set<UUID> saleIds = new HashSet<>();
        Set<UUID> userIds = new HashSet<>();
        Set<UUID> requestIds = new HashSet<>();
        for (Offsetted r : requests) {
            saleIds.add(r.request().saleId());
            userIds.add(r.request().userId());
            requestIds.add(r.request().requestId());
        }
        Instant decidedAt = clock.instant();
        return rows.load(saleIds, requestIds, userIds).flatMap(loaded -> {
            Map<UUID, SaleState> known = loaded.sales();
            if (known.size() < saleIds.size()) {
                Set<UUID> missing = new HashSet<>(saleIds);
                missing.removeAll(known.keySet());
                // Never reject for a sale not heard of yet: fail the batch and retry once it is known.
                return Mono.error(new SaleNotKnownYet(missing));
            }
            PurchaseLedger ledger = new PurchaseLedger(known, loaded.buyers(), loaded.decided());
            List<Decision> decisions = ledger.decide(requests);
            Map<UUID, Integer> remaining = new LinkedHashMap<>();
            for (UUID saleId : saleIds) {
                remaining.put(saleId, ledger.remaining(saleId));
            }
            List<PurchaseDecided> decided = new ArrayList<>(decisions.size());
            decisions.forEach(d -> decided.add(d.outcome(decidedAt)));
            return rows.store(partition, decisions, known, remaining, decidedAt)
                    .thenReturn(new AppliedBatch(partition, nextOffset, decided, remaining, known, 0));
        });
    }
}
