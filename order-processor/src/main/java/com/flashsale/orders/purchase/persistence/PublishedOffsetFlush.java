package com.flashsale.orders.purchase.persistence;

import com.flashsale.orders.purchase.PartitionOffsets;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clock of {@link PartitionOffsets}: every 250 ms it stores the published offset of partitions
 * that no batch followed (a busy partition's next batch stores it, without a transaction of its own).
 */
@Component
class PublishedOffsetFlush {

    private static final Duration DB_BOUND = Duration.ofSeconds(60);

    private final PartitionOffsets offsets;

    PublishedOffsetFlush(PartitionOffsets offsets) {
        this.offsets = offsets;
    }

    @Scheduled(initialDelay = 250, fixedDelay = 250)
    void flush() {
        offsets.storeIdle().block(DB_BOUND);
    }
}
