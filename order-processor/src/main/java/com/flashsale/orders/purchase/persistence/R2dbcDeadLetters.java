package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.DeadLetters;
import com.flashsale.orders.purchase.IncomingRequest;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@link DeadLetters} as {@code orders.dead_letters}: a record delivered again is kept once. */
@Repository
class R2dbcDeadLetters implements DeadLetters {

    private final DatabaseClient db;

    R2dbcDeadLetters(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Void> record(int partition, List<IncomingRequest.Unreadable> unreadable) {
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
}
