package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.PurchaseStatus;
import com.flashsale.orders.purchase.Decision;
import com.flashsale.orders.purchase.PurchaseOutcomes;
import com.flashsale.orders.schema.StoredOutcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link PurchaseOutcomes} as {@code orders.purchase_outcomes}, whose primary key is the request id. */
@Repository
class R2dbcPurchaseOutcomes implements PurchaseOutcomes {

    private final DatabaseClient db;

    R2dbcPurchaseOutcomes(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Set<UUID>> decidedAmong(Set<UUID> requestIds) {
        return db.sql("SELECT request_id FROM orders.purchase_outcomes WHERE request_id = ANY(:ids)")
                .bind("ids", requestIds.toArray(UUID[]::new))
                .map(row -> row.get("request_id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    @Override
    public Mono<Void> add(int partition, List<Decision> decisions, Instant decidedAt) {
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

    @Override
    public Flux<PurchaseDecided> between(int partition, long from, long to) {
        return db.sql("SELECT " + StoredOutcome.COLUMNS + " FROM orders.purchase_outcomes"
                        + " WHERE source_partition = :partition AND source_offset >= :from AND source_offset < :to"
                        + " ORDER BY source_offset")
                .bind("partition", partition)
                .bind("from", from)
                .bind("to", to)
                .map(StoredOutcome::read)
                .all();
    }
}
