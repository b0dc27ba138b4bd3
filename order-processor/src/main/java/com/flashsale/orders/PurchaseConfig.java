package com.flashsale.orders;

import com.flashsale.orders.purchase.ApplyingBatch;
import com.flashsale.orders.purchase.DeadLetters;
import com.flashsale.orders.purchase.LedgerRows;
import com.flashsale.orders.purchase.PartitionOffsetStore;
import com.flashsale.orders.purchase.PartitionOffsets;
import com.flashsale.orders.purchase.Transactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the purchase capability's plain-Java core to its stores. */
@Configuration
class PurchaseConfig {

    @Bean
    PartitionOffsets partitionOffsets(PartitionOffsetStore store) {
        return new PartitionOffsets(store);
    }

    @Bean
    ApplyingBatch applyingBatch(
            Transactions tx, PartitionOffsets offsets, DeadLetters deadLetters, LedgerRows rows, Clock clock) {
        return new ApplyingBatch(tx, offsets, deadLetters, rows, clock);
    }
}
