package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.Topics;
import java.time.Duration;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Produces purchase requests keyed by sale id and completes only when Kafka acknowledged the
 * record (idempotent producer, acks=all). The send runs off the event loop: the client may block
 * while it loads metadata or while its buffer is full.
 */
@Component
public class PurchaseRequestPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Duration ackBound;
    private final Scheduler sendScheduler = Schedulers.boundedElastic();

    PurchaseRequestPublisher(
            KafkaTemplate<String, String> kafka,
            JsonMapper json,
            @Value("${flashsale.edge.ack-timeout:2s}") Duration ackBound) {
        this.kafka = kafka;
        this.json = json;
        this.ackBound = ackBound;
    }

    /** The acknowledged position of the record; fails with a timeout when no ack came within the bound. */
    public Mono<RecordMetadata> publish(PurchaseRequested request) {
        String payload = json.writeValueAsString(request);
        return Mono.fromFuture(() ->
                        kafka.send(Topics.PURCHASE_REQUESTS, request.saleId().toString(), payload))
                .subscribeOn(sendScheduler)
                // The ack completes on the producer's I/O thread: answer elsewhere, so it keeps producing.
                .publishOn(Schedulers.parallel())
                .map(result -> result.getRecordMetadata())
                .timeout(ackBound);
    }
}
