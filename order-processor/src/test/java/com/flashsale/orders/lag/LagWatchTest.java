package com.flashsale.orders.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LagWatchTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private final Log log = new Log();
    private final LagWatch watch = new LagWatch(log, "requests", "group", Duration.ofSeconds(1), 3);

    @Test
    void theOldestAgeIsTheAgeOfTheRecordAtTheAppliedOffsetReadOncePerOffset() {
        log.partition(0, 0, 10, true);
        log.timestamp(0, 4, T0.minusSeconds(7));

        PartitionLag first = watch.sample(Map.of(0, 4L), T0).partitions().get(0);
        PartitionLag later =
                watch.sample(Map.of(0, 4L), T0.plusSeconds(2)).partitions().get(0);

        assertThat(first.lag()).isEqualTo(6);
        assertThat(first.oldestWaitingAgeMs()).isEqualTo(7_000);
        assertThat(later.oldestWaitingAgeMs()).isEqualTo(9_000);
        assertThat(log.reads).containsExactly(Map.of(0, 4L));
    }

    @Test
    void aPartitionNeverAppliedOrTrimmedCountsFromTheLogStart() {
        log.partition(0, 50, 60, false);
        log.timestamp(0, 50, T0.minusSeconds(1));

        LagReport report = watch.sample(Map.of(0, 20L), T0);

        assertThat(report.partitions().get(0).appliedOffset()).isEqualTo(50);
        assertThat(report.totalLag()).isEqualTo(10);
    }

    @Test
    void nothingWaitingHasNoAgeAndReadsNoRecord() {
        log.partition(0, 0, 10, true);

        PartitionLag row = watch.sample(Map.of(0, 10L), T0).partitions().get(0);

        assertThat(row.lag()).isZero();
        assertThat(row.oldestWaitingAgeMs()).isNull();
        assertThat(row.drainEstimateSeconds()).isEqualTo(0.0);
        assertThat(log.reads).isEmpty();
    }

    @Test
    void onlyTheOwnedPartitionsThatStalledAreReportedForReadiness() {
        log.partition(0, 0, 10, true);
        log.partition(1, 0, 10, true);
        log.timestamp(0, 2, T0);
        log.timestamp(1, 2, T0);
        for (int i = 0; i < 3; i++) {
            watch.sample(Map.of(0, 2L, 1, 2L), T0.plusSeconds(i));
        }

        assertThat(watch.latest().partitions()).extracting(PartitionLag::status).containsOnly(PartitionStatus.STALLED);
        assertThat(watch.stalledAmong(Set.of(1))).containsExactly(1);
        assertThat(watch.stalledAmong(Set.of())).isEmpty();
    }

    /** The requests topic as a table: what Kafka would say, set by the test. */
    private static final class Log implements TopicProgress {
        final Map<Integer, PartitionOnKafka> partitions = new HashMap<>();
        final Map<String, Instant> timestamps = new HashMap<>();
        final List<Map<Integer, Long>> reads = new ArrayList<>();

        void partition(int partition, long start, long end, boolean owned) {
            partitions.put(
                    partition,
                    new PartitionOnKafka(partition, start, end, null, owned ? new Owner("m", "c", "/h") : null));
        }

        void timestamp(int partition, long offset, Instant at) {
            timestamps.put(partition + "@" + offset, at);
        }

        @Override
        public Map<Integer, PartitionOnKafka> partitions() {
            return partitions;
        }

        @Override
        public Map<Integer, Instant> timestampsAt(Map<Integer, Long> offsets) {
            reads.add(Map.copyOf(offsets));
            Map<Integer, Instant> found = new HashMap<>();
            offsets.forEach((p, o) -> {
                Instant at = timestamps.get(p + "@" + o);
                if (at != null) {
                    found.put(p, at);
                }
            });
            return found;
        }
    }
}
