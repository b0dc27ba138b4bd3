package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.contracts.RejectionReason;
import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.Decision;
import com.flashsale.orders.purchase.IncomingRequest;
import com.flashsale.orders.purchase.PurchaseLedger;
import com.flashsale.orders.purchase.PurchaseLedger.Buyer;
import com.flashsale.orders.purchase.PurchaseLedger.Offsetted;
import com.flashsale.orders.purchase.SaleState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one partition's batch of purchase requests in ONE transaction: loads the touched sales
 * (locked), earlier outcomes and buyers, lets the {@link PurchaseLedger} decide, and stores
 * outcomes, orders, remaining stock and the next offset together. A batch either lands whole or
 * not at all, and a replayed batch finds its offsets applied and changes nothing.
 */
@Component
public class PurchaseBatchWriter {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    PurchaseBatchWriter(DatabaseClient db, TransactionalOperator tx, Clock clock) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Applies the records (ascending offsets of one partition); the outcomes it committed, to publish.
     *
     * @param publishedUpTo the partition's outcomes known to be on the outcomes topic below this
     *     offset: stored with the batch (see {@code OutcomePublication})
     */
    public Mono<AppliedBatch> apply(int partition, List<IncomingRequest> records, long publishedUpTo) {
        return tx.transactional(Mono.defer(() -> applyInTransaction(partition, records, publishedUpTo)));
    }

    /** The partition's stored offsets, if any batch was ever applied there. */
    public Mono<StoredOffsets> storedOffsets(int partition) {
        return db.sql("SELECT next_offset, published_offset FROM orders.consumer_offsets"
                        + " WHERE topic = :topic AND partition = :partition")
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .map(row ->
                        new StoredOffsets(row.get("next_offset", Long.class), row.get("published_offset", Long.class)))
                .one();
    }

    /** Records that the partition's outcomes below {@code publishedUpTo} reached the outcomes topic. */
    public Mono<Void> storePublished(int partition, long publishedUpTo) {
        return db.sql("UPDATE orders.consumer_offsets SET published_offset = :published"
                        + " WHERE topic = :topic AND partition = :partition AND published_offset < :published")
                .bind("published", publishedUpTo)
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .then();
    }

    /** The outcomes decided from the partition's records in [from, to), in offset order. */
    public Flux<PurchaseDecided> outcomesBetween(int partition, long from, long to) {
        return db.sql("SELECT request_id, sale_id, user_id, status, reason, accepted_at, decided_at"
                        + " FROM orders.purchase_outcomes WHERE source_partition = :partition"
                        + " AND source_offset >= :from AND source_offset < :to ORDER BY source_offset")
                .bind("partition", partition)
                .bind("from", from)
                .bind("to", to)
                .map(row -> new PurchaseDecided(
                        PurchaseDecided.VERSION,
                        row.get("request_id", UUID.class),
                        row.get("sale_id", UUID.class),
                        row.get("user_id", UUID.class),
                        PurchaseStatus.valueOf(row.get("status", String.class)),
                        row.get("reason", String.class) == null
                                ? null
                                : RejectionReason.valueOf(row.get("reason", String.class)),
                        row.get("accepted_at", OffsetDateTime.class).toInstant(),
                        row.get("decided_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private Mono<AppliedBatch> applyInTransaction(int partition, List<IncomingRequest> records, long publishedUpTo) {
        long batchEnd = records.get(records.size() - 1).offset() + 1;
        return lockNextOffset(partition).flatMap(applied -> {
            List<IncomingRequest> fresh =
                    records.stream().filter(r -> r.offset() >= applied).toList();
            if (fresh.isEmpty()) {
                // Everything here was applied by an earlier delivery: a replay changes nothing.
                return storeOffsets(partition, applied, publishedUpTo)
                        .thenReturn(AppliedBatch.empty(partition, Math.max(applied, batchEnd)));
            }
            List<Offsetted> requests = new ArrayList<>();
            List<IncomingRequest.Unreadable> unreadable = new ArrayList<>();
            for (IncomingRequest record : fresh) {
                if (record instanceof IncomingRequest.Readable readable) {
                    requests.add(new Offsetted(readable.request(), readable.offset()));
                } else {
                    unreadable.add((IncomingRequest.Unreadable) record);
                }
            }
            return recordDeadLetters(partition, unreadable)
                    .then(decide(partition, requests, batchEnd))
                    .flatMap(batch ->
                            storeOffsets(partition, batchEnd, publishedUpTo).thenReturn(batch));
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
        return lockSales(saleIds).flatMap(sales -> {
            if (sales.size() < saleIds.size()) {
                Set<UUID> missing = new HashSet<>(saleIds);
                missing.removeAll(sales.keySet());
                // Never reject for a sale not heard of yet: fail the batch and retry once it is known.
                return Mono.error(new SaleNotKnownYetException(missing));
            }
            return Mono.zip(decidedAmong(requestIds), buyersAmong(saleIds, userIds))
                    .flatMap(known -> {
                        PurchaseLedger ledger = new PurchaseLedger(sales, known.getT2(), known.getT1());
                        List<Decision> decisions = ledger.decide(requests);
                        Map<UUID, Integer> remaining = new LinkedHashMap<>();
                        for (UUID saleId : saleIds) {
                            remaining.put(saleId, ledger.remaining(saleId));
                        }
                        return insertOutcomes(partition, decisions, decidedAt)
                                .then(insertOrders(decisions, sales, decidedAt))
                                .then(updateRemaining(remaining))
                                .thenReturn(new AppliedBatch(
                                        partition, nextOffset, outcomes(decisions, decidedAt), remaining, sales));
                    });
        });
    }

    private Mono<Long> lockNextOffset(int partition) {
        // One round trip that creates the row if needed and locks it: two consumers that briefly both
        // hold the partition (a rebalance) take turns, and the second sees what the first applied.
        return db.sql(
                        "INSERT INTO orders.consumer_offsets (topic, partition, next_offset) VALUES (:topic, :partition, 0)"
                                + " ON CONFLICT (topic, partition) DO UPDATE SET updated_at = now() RETURNING next_offset")
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .map(row -> row.get("next_offset", Long.class))
                .one();
    }

    private Mono<Void> storeOffsets(int partition, long nextOffset, long publishedUpTo) {
        return db.sql("UPDATE orders.consumer_offsets SET next_offset = GREATEST(next_offset, :next),"
                        + " published_offset = GREATEST(published_offset, LEAST(:published, GREATEST(next_offset, :next))),"
                        + " updated_at = now() WHERE topic = :topic AND partition = :partition")
                .bind("next", nextOffset)
                .bind("published", publishedUpTo)
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .then();
    }

    private Mono<Void> recordDeadLetters(int partition, List<IncomingRequest.Unreadable> unreadable) {
        if (unreadable.isEmpty()) {
            return Mono.empty();
        }
        int n = unreadable.size();
        Long[] offsets = new Long[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            var u = unreadable.get(i);
            offsets[i] = u.offset();
            keys[i] = u.key();
            payloads[i] = u.payload();
            errors[i] = u.error();
        }
        return db.sql("INSERT INTO orders.dead_letters (topic, partition, \"offset\", record_key, payload, error)"
                        + " SELECT :topic, :partition, o, k, p, e FROM unnest(CAST(:offsets AS bigint[]),"
                        + " CAST(:keys AS text[]), CAST(:payloads AS text[]), CAST(:errors AS text[])) AS t(o, k, p, e)"
                        + " ON CONFLICT DO NOTHING")
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .bind("offsets", offsets)
                .bind("keys", keys)
                .bind("payloads", payloads)
                .bind("errors", errors)
                .then();
    }

    private Mono<Map<UUID, SaleState>> lockSales(Set<UUID> saleIds) {
        // Locked in id order: the sale-definition listener updates these rows too, one at a time.
        // The lock also orders this batch against a change of the sale (stock, cancellation): a change
        // waits for the batch's commit, and a batch that waits for a change's commit reads the changed row.
        return db.sql("SELECT sale_id, stock, remaining, price, currency, starts_at, ends_at, cancelled_at"
                        + " FROM orders.sales"
                        + " WHERE sale_id = ANY(:ids) ORDER BY sale_id FOR UPDATE")
                .bind("ids", saleIds.toArray(UUID[]::new))
                .map(row -> new SaleState(
                        row.get("sale_id", UUID.class),
                        row.get("stock", Integer.class),
                        row.get("remaining", Integer.class),
                        row.get("price", BigDecimal.class),
                        row.get("currency", String.class).trim(),
                        row.get("starts_at", OffsetDateTime.class).toInstant(),
                        row.get("ends_at", OffsetDateTime.class).toInstant(),
                        row.get("cancelled_at", OffsetDateTime.class) != null))
                .all()
                .collectMap(SaleState::saleId, s -> s, LinkedHashMap::new);
    }

    private Mono<Set<UUID>> decidedAmong(Set<UUID> requestIds) {
        return db.sql("SELECT request_id FROM orders.purchase_outcomes WHERE request_id = ANY(:ids)")
                .bind("ids", requestIds.toArray(UUID[]::new))
                .map(row -> row.get("request_id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private Mono<Set<Buyer>> buyersAmong(Set<UUID> saleIds, Set<UUID> userIds) {
        return db.sql(
                        "SELECT sale_id, user_id FROM orders.orders WHERE sale_id = ANY(:sales) AND user_id = ANY(:users)")
                .bind("sales", saleIds.toArray(UUID[]::new))
                .bind("users", userIds.toArray(UUID[]::new))
                .map(row -> new Buyer(row.get("sale_id", UUID.class), row.get("user_id", UUID.class)))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private Mono<Void> insertOutcomes(int partition, List<Decision> decisions, Instant decidedAt) {
        if (decisions.isEmpty()) {
            return Mono.empty();
        }
        int n = decisions.size();
        UUID[] requestIds = new UUID[n];
        UUID[] saleIds = new UUID[n];
        UUID[] userIds = new UUID[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        OffsetDateTime[] acceptedAt = new OffsetDateTime[n];
        Long[] offsets = new Long[n];
        for (int i = 0; i < n; i++) {
            Decision d = decisions.get(i);
            PurchaseRequested r = d.request();
            requestIds[i] = r.requestId();
            saleIds[i] = r.saleId();
            userIds[i] = r.userId();
            statuses[i] = d.confirmed() ? PurchaseStatus.CONFIRMED.name() : PurchaseStatus.REJECTED.name();
            reasons[i] = d.confirmed() ? null : d.reason().name();
            acceptedAt[i] = r.acceptedAt().atOffset(ZoneOffset.UTC);
            offsets[i] = d.offset();
        }
        // One statement for the whole batch: row-at-a-time inserts cost a round trip each.
        return db.sql("INSERT INTO orders.purchase_outcomes (request_id, sale_id, user_id, status, reason, accepted_at,"
                        + " decided_at, source_partition, source_offset)"
                        + " SELECT r, s, u, st, re, a, :decidedAt, :partition, o FROM unnest(CAST(:r AS uuid[]),"
                        + " CAST(:s AS uuid[]), CAST(:u AS uuid[]), CAST(:st AS text[]), CAST(:re AS text[]),"
                        + " CAST(:a AS timestamptz[]), CAST(:o AS bigint[])) AS t(r, s, u, st, re, a, o)")
                .bind("decidedAt", decidedAt.atOffset(ZoneOffset.UTC))
                .bind("partition", partition)
                .bind("r", requestIds)
                .bind("s", saleIds)
                .bind("u", userIds)
                .bind("st", statuses)
                .bind("re", reasons)
                .bind("a", acceptedAt)
                .bind("o", offsets)
                .then();
    }

    private Mono<Void> insertOrders(List<Decision> decisions, Map<UUID, SaleState> sales, Instant confirmedAt) {
        List<Decision> confirmed =
                decisions.stream().filter(Decision::confirmed).toList();
        if (confirmed.isEmpty()) {
            return Mono.empty();
        }
        int n = confirmed.size();
        UUID[] requestIds = new UUID[n];
        UUID[] saleIds = new UUID[n];
        UUID[] userIds = new UUID[n];
        BigDecimal[] prices = new BigDecimal[n];
        String[] currencies = new String[n];
        OffsetDateTime[] acceptedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            PurchaseRequested r = confirmed.get(i).request();
            SaleState sale = sales.get(r.saleId());
            requestIds[i] = r.requestId();
            saleIds[i] = r.saleId();
            userIds[i] = r.userId();
            prices[i] = sale.price();
            currencies[i] = sale.currency();
            acceptedAt[i] = r.acceptedAt().atOffset(ZoneOffset.UTC);
        }
        return db.sql("INSERT INTO orders.orders (request_id, sale_id, user_id, price, currency, accepted_at,"
                        + " confirmed_at) SELECT r, s, u, p, c, a, :confirmedAt FROM unnest(CAST(:r AS uuid[]),"
                        + " CAST(:s AS uuid[]), CAST(:u AS uuid[]), CAST(:p AS numeric[]), CAST(:c AS text[]),"
                        + " CAST(:a AS timestamptz[])) AS t(r, s, u, p, c, a)")
                .bind("confirmedAt", confirmedAt.atOffset(ZoneOffset.UTC))
                .bind("r", requestIds)
                .bind("s", saleIds)
                .bind("u", userIds)
                .bind("p", prices)
                .bind("c", currencies)
                .bind("a", acceptedAt)
                .then();
    }

    private Mono<Void> updateRemaining(Map<UUID, Integer> remaining) {
        UUID[] ids = remaining.keySet().toArray(UUID[]::new);
        Integer[] values = remaining.values().toArray(Integer[]::new);
        return db.sql("UPDATE orders.sales s SET remaining = t.remaining, updated_at = now()"
                        + " FROM unnest(CAST(:ids AS uuid[]), CAST(:remaining AS integer[])) AS t(sale_id, remaining)"
                        + " WHERE s.sale_id = t.sale_id AND s.remaining <> t.remaining")
                .bind("ids", ids)
                .bind("remaining", values)
                .then();
    }

    private static List<PurchaseDecided> outcomes(List<Decision> decisions, Instant decidedAt) {
        List<PurchaseDecided> outcomes = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            PurchaseRequested r = d.request();
            outcomes.add(new PurchaseDecided(
                    PurchaseDecided.VERSION,
                    r.requestId(),
                    r.saleId(),
                    r.userId(),
                    d.confirmed() ? PurchaseStatus.CONFIRMED : PurchaseStatus.REJECTED,
                    d.reason(),
                    r.acceptedAt(),
                    decidedAt));
        }
        return outcomes;
    }

    /** Where a partition stands: the next offset to apply, and the offset below which outcomes are published. */
    public record StoredOffsets(long next, long published) {}

    /** What one committed batch decided: outcomes to publish and the sales' remaining stock. */
    public record AppliedBatch(
            int partition,
            long nextOffset,
            List<PurchaseDecided> outcomes,
            Map<UUID, Integer> remaining,
            Map<UUID, SaleState> sales) {

        static AppliedBatch empty(int partition, long nextOffset) {
            return new AppliedBatch(partition, nextOffset, List.of(), Map.of(), Map.of());
        }
    }

    /** The batch names a sale whose definition has not arrived yet. */
    public static class SaleNotKnownYetException extends RuntimeException {
        SaleNotKnownYetException(Set<UUID> saleIds) {
            super("sale definition not received yet for " + saleIds);
        }
    }
}
