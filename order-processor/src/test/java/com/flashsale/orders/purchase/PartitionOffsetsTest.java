package com.flashsale.orders.purchase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PartitionOffsetsTest {

    private final Rows rows = new Rows();
    private final PartitionOffsets offsets = new PartitionOffsets(rows);

    @Test
    void aBatchStoresWhatWasAcknowledgedBeforeItAndNoSeparateWriteFollows() {
        rows.put(3, new StoredOffsets(100, 100));
        rows.put(9, new StoredOffsets(10, 0));
        offsets.assigned(3).block();
        offsets.assigned(9).block();
        offsets.acknowledged(3, 120);

        long published = offsets.publishedUpTo(3);
        offsets.store(3, 140, published).block();
        offsets.committed(3, published);
        // A partition whose last batch came after partition 3's: once it is written as idle, 3 was idle too.
        offsets.committed(9, 0);
        offsets.acknowledged(9, 5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            offsets.storeIdle().block();
            assertThat(rows.idleWrites).contains("9@5");
        });

        assertThat(published).isEqualTo(120);
        assertThat(rows.get(3)).isEqualTo(new StoredOffsets(140, 120));
        assertThat(rows.idleWrites).containsExactly("9@5");
    }

    @Test
    void anIdlePartitionStoresItsPublishedOffsetOnceItMoved() {
        rows.put(1, new StoredOffsets(50, 40));
        offsets.assigned(1).block();
        offsets.acknowledged(1, 50);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            offsets.storeIdle().block();
            assertThat(rows.get(1).published()).isEqualTo(50);
        });
        offsets.storeIdle().block();

        assertThat(rows.idleWrites).containsExactly("1@50");
    }

    @Test
    void aRevokedPartitionStoresHowFarItWasPublishedAndIgnoresLateAcknowledgements() {
        rows.put(2, new StoredOffsets(30, 10));
        offsets.assigned(2).block();
        offsets.acknowledged(2, 20);

        offsets.revoked(2).block();
        offsets.acknowledged(2, 30);
        offsets.storeAll().block();

        assertThat(rows.get(2)).isEqualTo(new StoredOffsets(30, 20));
        assertThat(offsets.publishedUpTo(2)).isZero();
    }

    @Test
    void aPartitionNeverAppliedStartsFromNothing() {
        assertThat(offsets.assigned(7).block()).isNull();
        assertThat(offsets.publishedUpTo(7)).isZero();
    }

    /** The offsets rows in memory, with the same forward-only rules as the table's statements. */
    private static final class Rows implements PartitionOffsetStore {
        final Map<Integer, StoredOffsets> byPartition = new ConcurrentHashMap<>();
        final List<String> idleWrites = new ArrayList<>();

        void put(int partition, StoredOffsets stored) {
            byPartition.put(partition, stored);
        }

        StoredOffsets get(int partition) {
            return byPartition.get(partition);
        }

        @Override
        public Mono<StoredOffsets> find(int partition) {
            return Mono.justOrEmpty(byPartition.get(partition));
        }

        @Override
        public Mono<Long> lockNext(int partition) {
            return Mono.fromSupplier(() -> byPartition
                    .computeIfAbsent(partition, p -> new StoredOffsets(0, 0))
                    .next());
        }

        @Override
        public Mono<Void> store(int partition, long next, long published) {
            return Mono.fromRunnable(() -> byPartition.compute(partition, (p, row) -> {
                long n = Math.max(row.next(), next);
                return new StoredOffsets(n, Math.max(row.published(), Math.min(published, n)));
            }));
        }

        @Override
        public Mono<Map<Integer, Long>> nextOfAll() {
            return Mono.fromSupplier(() -> {
                Map<Integer, Long> next = new java.util.HashMap<>();
                byPartition.forEach((p, row) -> next.put(p, row.next()));
                return next;
            });
        }

        @Override
        public Mono<Void> storePublished(int partition, long published) {
            return Mono.fromRunnable(() -> {
                synchronized (idleWrites) {
                    idleWrites.add(partition + "@" + published);
                }
                byPartition.computeIfPresent(
                        partition, (p, row) -> new StoredOffsets(row.next(), Math.max(row.published(), published)));
            });
        }
    }
}
