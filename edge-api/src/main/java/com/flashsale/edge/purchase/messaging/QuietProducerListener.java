package com.flashsale.edge.purchase.messaging;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.stereotype.Component;

/**
 * Replaces spring-kafka's default listener, which logs every failed send at ERROR with its payload:
 * while the broker is away that is one line per shopper's press, and each of them already got a 503.
 * Here: one WARN at most every 10 s, with how many sends failed since the last one.
 */
@Component
class QuietProducerListener implements ProducerListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(QuietProducerListener.class);
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    @Override
    public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        long count = failed.incrementAndGet();
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            failed.addAndGet(-count);
            log.warn("{} send(s) to {} failed (answered 503); latest: {}", count, record.topic(), exception.toString());
        }
    }
}
