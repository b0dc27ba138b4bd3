package com.flashsale.edge.purchase.web;

import com.flashsale.edge.purchase.EdgeRefusals;
import com.flashsale.edge.purchase.OutcomeBook;
import com.flashsale.edge.purchase.PurchaseAdmissions;
import com.flashsale.edge.purchase.QueueProgress;
import com.flashsale.edge.purchase.RequestIdSecret;
import com.flashsale.edge.purchase.RequestIds;
import com.flashsale.edge.purchase.SendWindow;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.edge.purchase.ShopperLimits;
import com.flashsale.edge.purchase.WaitingPurchases;
import com.flashsale.edge.sale.SaleDirectory;
import com.flashsale.web.Throttle;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the purchase capability's rooms: request ids (from the shared secret), per-shopper limits,
 * the send window, the refusals counted per sale, the outcomes heard, the purchases waiting for
 * theirs, the queue's progress, the shoppers' open streams, and the admission that uses them all.
 */
@Configuration
class PurchaseConfig {

    @Bean
    RequestIds requestIds(
            @Value("${flashsale.edge.request-id-secret-file}") Path secretFile,
            @Value("${flashsale.edge.generate-secret:false}") boolean generate) {
        return new RequestIds(RequestIdSecret.read(secretFile, generate));
    }

    @Bean
    ShopperLimits shopperLimits(
            @Value("${flashsale.edge.shopper.burst}") int burst,
            @Value("${flashsale.edge.shopper.refill-every}") Duration refillEvery,
            @Value("${flashsale.edge.shopper.max-in-flight}") int maxInFlight) {
        return new ShopperLimits(new Throttle.Rule(burst, refillEvery), 500_000, maxInFlight);
    }

    @Bean
    EdgeRefusals edgeRefusals() {
        return new EdgeRefusals();
    }

    @Bean
    SendWindow sendWindow(@Value("${flashsale.edge.max-unacknowledged:4096}") int capacity) {
        return new SendWindow(capacity);
    }

    @Bean
    OutcomeBook outcomeBook(@Value("${flashsale.edge.outcome-cache-size:500000}") int capacity) {
        return new OutcomeBook(capacity);
    }

    @Bean
    WaitingPurchases waitingPurchases(
            @Value("${flashsale.edge.queue-watch-size:200000}") int capacity, OutcomeBook outcomes) {
        return new WaitingPurchases(capacity, Duration.ofMinutes(10), outcomes);
    }

    @Bean
    QueueProgress queueProgress() {
        return new QueueProgress();
    }

    @Bean
    ShopperChannels shopperChannels() {
        return new ShopperChannels();
    }

    @Bean
    PurchaseAdmissions purchaseAdmissions(
            SaleDirectory sales,
            OutcomeBook outcomes,
            WaitingPurchases waiting,
            QueueProgress queue,
            ShopperChannels channels,
            RequestIds requestIds,
            ShopperLimits limits,
            SendWindow sends,
            EdgeRefusals refusals,
            @Value("${flashsale.edge.claims.per-unit}") double claimsPerUnit,
            @Value("${flashsale.edge.claims.at-least}") int leastClaims) {
        return new PurchaseAdmissions(
                sales,
                outcomes,
                waiting,
                queue,
                channels,
                requestIds,
                limits,
                sends,
                refusals,
                new PurchaseAdmissions.ClaimBound(claimsPerUnit, leastClaims));
    }
}
