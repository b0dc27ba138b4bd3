package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.PurchaseDecided;
import com.flashsale.contracts.Topics;
import com.flashsale.edge.messaging.TopicTail;
import com.flashsale.edge.purchase.OutcomeBook;
import com.flashsale.edge.purchase.PurchaseUpdate;
import com.flashsale.edge.purchase.ShopperChannels;
import com.flashsale.edge.purchase.WaitingPurchases;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outcomes topic, read from its end by every edge instance: each outcome is recorded, its
 * request waits no more, and the first copy (outcomes come at least once) reaches its shopper's
 * open streams on this instance.
 */
@Component
public class PurchaseOutcomeListener implements AutoCloseable {

    /** One line per outcome heard, when {@code flashsale.purchase.events} is at DEBUG (README, Operations). */
    private static final Logger events = LoggerFactory.getLogger("flashsale.purchase.events");

    private final OutcomeBook outcomes;
    private final WaitingPurchases waiting;
    private final ShopperChannels channels;
    private final JsonMapper json;
    private final TopicTail tail;

    PurchaseOutcomeListener(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            OutcomeBook outcomes,
            WaitingPurchases waiting,
            ShopperChannels channels,
            JsonMapper json) {
        this.outcomes = outcomes;
        this.waiting = waiting;
        this.channels = channels;
        this.json = json;
        this.tail = new TopicTail(
                        "outcomes", bootstrap, List.of(Topics.PURCHASE_OUTCOMES), TopicTail.Start.END, this::onOutcome)
                .start();
    }

    void onOutcome(ConsumerRecord<String, String> record) {
        PurchaseDecided outcome = json.readValue(record.value(), PurchaseDecided.class);
        // Recorded before the request is forgotten as waiting: see WaitingPurchases.admitted.
        boolean first = outcomes.record(outcome);
        if (events.isDebugEnabled()) {
            events.debug(
                    "event=purchase.outcome-received requestId={} saleId={} partition={} status={} reason={} first={}",
                    outcome.requestId(),
                    outcome.saleId(),
                    record.partition(),
                    outcome.status(),
                    outcome.reason(),
                    first);
        }
        waiting.decided(outcome.requestId());
        if (first) {
            channels.publish(outcome.userId(), PurchaseUpdate.of(outcome));
        }
    }

    /**
     * Hears an outcome of the warm-up's rehearsal (docs/adr/0019) as if order-processor had published
     * it: the same reading, recording and forgetting as a real one, on a request of a made-up sale.
     */
    public void rehearse(PurchaseDecided outcome) {
        onOutcome(new ConsumerRecord<>(
                Topics.REHEARSALS, 0, -1L, outcome.userId().toString(), json.writeValueAsString(outcome)));
    }

    @Override
    public void close() {
        tail.close();
    }
}
