package com.flashsale.edge.purchase.messaging;

import com.flashsale.contracts.PurchaseRequested;
import com.flashsale.contracts.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Produces purchase requests keyed by sale id and completes only when Kafka acknowledged the
 * record (idempotent producer, acks=all).
 *
 * <p>The send happens on the caller's thread, which is a Netty event loop: it cannot block, because
 * the producer runs with {@code max.block.ms=0} (a send that would wait, for metadata or for buffer
 * space, fails at once and the shopper gets a 503 to retry) and the topic's metadata is loaded at
 * start and kept warm ({@link ProducerWarmth}). The acknowledgement arrives on the producer's I/O
 * thread and is handed back to {@code answerOn}, the request's own event loop, which also runs the
 * timer of the bound: one hand-off each way, the fewest a request that waits for Kafka can make.
 */
@Component
public class PurchaseRequestPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Duration ackBound;

    PurchaseRequestPublisher(
            KafkaTemplate<String, String> kafka,
            JsonMapper json,
            @Value("${flashsale.edge.ack-timeout:2s}") Duration ackBound) {
        this.kafka = kafka;
        this.json = json;
        this.ackBound = ackBound;
    }

    /**
     * The acknowledged position of the record ({@code rehearsal}: on the rehearsals topic, docs/adr/0019), signalled on {@code answerOn}; fails with a
     * {@link TimeoutException} when no ack came within the bound, or with the producer's error.
     */
    public Mono<RecordMetadata> publish(
            PurchaseRequested request, boolean rehearsal, ScheduledExecutorService answerOn) {
        String topic = rehearsal ? Topics.REHEARSALS : Topics.PURCHASE_REQUESTS;
        return Mono.create(sink -> {
            CompletableFuture<SendResult<String, String>> sent;
            try {
                sent = kafka.send(topic, request.saleId().toString(), json.writeValueAsString(request));
            } catch (RuntimeException e) {
                sink.error(e);
                return;
            }
            ScheduledFuture<?> timer = answerOn.schedule(
                    () -> sink.error(new TimeoutException("no acknowledgement within " + ackBound)),
                    ackBound.toMillis(),
                    TimeUnit.MILLISECONDS);
            sink.onCancel(() -> timer.cancel(false));
            sent.whenComplete((result, error) -> {
                Runnable answer = () -> {
                    timer.cancel(false);
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.success(result.getRecordMetadata());
                    }
                };
                try {
                    answerOn.execute(answer);
                } catch (RejectedExecutionException shuttingDown) {
                    answer.run();
                }
            });
        });
    }

    /**
     * Waits up to {@code bound} for the producer to know the rehearsals topic (a send without its
     * metadata fails at once, {@code max.block.ms=0}); false when it is still unknown (missing, say).
     */
    public boolean knowsTheRehearsalsTopic(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                kafka.partitionsFor(Topics.REHEARSALS);
                return true;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100);
            }
        }
    }
}
