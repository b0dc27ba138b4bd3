package com.flashsale.catalog.sale.messaging;

import com.flashsale.catalog.sale.FlashSale;
import com.flashsale.catalog.sale.FlashSales;
import com.flashsale.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes sales to the compacted sales topic after their commit: at once when they change, again
 * every few seconds while Kafka has not acknowledged the latest version, and all of them at start,
 * so that a lost send or a wiped broker heals by itself.
 */
@Component
public class SalePublisher {

    private static final Logger log = LoggerFactory.getLogger(SalePublisher.class);

    private final FlashSales sales;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    SalePublisher(FlashSales sales, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.sales = sales;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    /** Sends the sale's current definition; completes when Kafka acknowledged it and the row says so. */
    public Mono<FlashSale> publish(FlashSale sale) {
        String payload = json.writeValueAsString(sale.asEvent(clock.instant()));
        return Mono.fromFuture(() -> kafka.send(Topics.SALES, sale.id().toString(), payload))
                .timeout(Duration.ofSeconds(10))
                .then(sales.markPublished(sale.id(), sale.version()))
                .doOnSuccess(done -> log.info(
                        "event=sale.published saleId={} version={} stock={} cancelled={}",
                        sale.id(),
                        sale.version(),
                        sale.stock(),
                        sale.cancelledAt() != null))
                .thenReturn(sale);
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishAllAtStart() {
        publishEach(sales.all()).subscribe();
    }

    // Every half second: a change that missed its immediate send (or came from a product change) still
    // reaches the consumers within a second. The query reads a partial index of the lagging rows only.
    @Scheduled(initialDelay = 5_000, fixedDelay = 500)
    void publishPending() {
        publishEach(sales.unpublished()).block(Duration.ofSeconds(30));
    }

    private Mono<Long> publishEach(Flux<FlashSale> toPublish) {
        return toPublish
                .concatMap(sale -> publish(sale).onErrorResume(e -> {
                    log.warn(
                            "event=sale.publish-failed saleId={} version={} error={}; will retry",
                            sale.id(),
                            sale.version(),
                            e.toString());
                    return Mono.empty();
                }))
                .count()
                .onErrorResume(e -> {
                    log.warn("Cannot read sales to publish: {}", e.toString());
                    return Mono.just(0L);
                });
    }
}
