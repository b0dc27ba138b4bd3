package com.flashsale.orders.purchase.persistence;

import com.flashsale.contracts.Topics;
import com.flashsale.orders.purchase.PartitionOffsetStore;
import com.flashsale.orders.purchase.StoredOffsets;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@link PartitionOffsetStore} as the rows of {@code orders.consumer_offsets}, one per request partition. */
@Repository
class R2dbcPartitionOffsets implements PartitionOffsetStore {

    private final DatabaseClient db;

    R2dbcPartitionOffsets(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<StoredOffsets> find(int partition) {
        return db.sql("SELECT next_offset, published_offset FROM orders.consumer_offsets"
                        + " WHERE topic = :topic AND partition = :partition")
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .map(row ->
                        new StoredOffsets(row.get("next_offset", Long.class), row.get("published_offset", Long.class)))
                .one();
    }

    @Override
    public Mono<Long> lockNext(int partition) {
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

    @Override
    public Mono<Void> store(int partition, long next, long published) {
        return db.sql("UPDATE orders.consumer_offsets SET next_offset = GREATEST(next_offset, :next),"
                        + " published_offset = GREATEST(published_offset, LEAST(:published, GREATEST(next_offset, :next))),"
                        + " updated_at = now() WHERE topic = :topic AND partition = :partition")
                .bind("next", next)
                .bind("published", published)
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .then();
    }

    @Override
    public Mono<Void> storePublished(int partition, long published) {
        return db.sql("UPDATE orders.consumer_offsets SET published_offset = :published"
                        + " WHERE topic = :topic AND partition = :partition AND published_offset < :published")
                .bind("published", published)
                .bind("topic", Topics.PURCHASE_REQUESTS)
                .bind("partition", partition)
                .then();
    }
}
