package com.flashsale.orders;

import com.flashsale.orders.purchase.ApplyingBatch;
import com.flashsale.orders.purchase.ConfirmedOrders;
import com.flashsale.orders.purchase.DeadLetters;
import com.flashsale.orders.purchase.PartitionOffsetStore;
import com.flashsale.orders.purchase.PartitionOffsets;
import com.flashsale.orders.purchase.PurchaseOutcomes;
import com.flashsale.orders.purchase.SaleStock;
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
            Transactions tx,
            PartitionOffsets offsets,
            DeadLetters deadLetters,
            SaleStock sales,
            PurchaseOutcomes outcomes,
            ConfirmedOrders orders,
            Clock clock) {
        return new ApplyingBatch(tx, offsets, deadLetters, sales, outcomes, orders, clock);
    }
}
